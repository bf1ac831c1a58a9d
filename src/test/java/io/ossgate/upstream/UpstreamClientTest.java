package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.ossgate.common.Ticker;
import io.ossgate.testing.Await;
import io.ossgate.testing.FakeTicker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP/1.1 upstream client over real loopback sockets: keep-alive pooling, the pool's limits,
 * message framing (HEAD, a cut body, 100-continue), backpressure, reset and connect failures.
 *
 * <p>The client is confined to one Vert.x context: every step that touches it runs on
 * {@link #clientContext} through {@link #onClient}. (From the JUnit thread, Vert.x 5's
 * {@code getOrCreateContext()} returns a new context on each call, on a sticky event loop, so the
 * context is captured once and reused.) Origins run on another context.
 */
@Timeout(20)
class UpstreamClientTest {

  /** Native transport, as in production: epoll or io_uring, whichever surefire execution runs. */
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  private final Context serverContext = ((VertxInternal) vertx).createEventLoopContext();
  private Context clientContext;
  private UpstreamClient client;

  @AfterEach
  void close() {
    if (client != null) {
      onClient(() -> {
        client.close();
        return Future.succeededFuture();
      });
    }
    Await.of(vertx.close());
  }

  // ---- tests ---------------------------------------------------------------------------------

  // Keep-alive is the client's reason to exist: one TCP connection must carry request after request.
  @Test
  void sequentialRequestsReuseOneKeepAliveConnection() {
    Origin origin = httpOrigin(req -> req.response().end("body of " + req.path()));
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    for (int i = 0; i < 5; i++) {
      String path = "/object-" + i;
      assertThat(onClient(() -> fetch(target, TestUpstreamClients.get(path, target)))).isEqualTo("200 body of " + path);
    }

    assertThat(origin.connections().count()).isEqualTo(1);
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isEqualTo(1);
  }

  // Retries, resumes and error documents start their request from the previous response's end:
  // the connection must be back in the pool by then.
  @Test
  void aRequestStartedFromTheEndHandlerReusesTheConnection() {
    Origin origin = httpOrigin(req -> req.response().end("body of " + req.path()));
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    String expected = "";
    for (int i = 0; i < 5; i++) {
      String path = "/chained-" + i;
      expected += "200 body of " + path + ";";
    }
    String all = onClient(() -> {
      Future<String> chain = Future.succeededFuture("");
      for (int i = 0; i < 5; i++) {
        String path = "/chained-" + i;
        chain = chain.compose(sofar -> fetch(target, TestUpstreamClients.get(path, target)).map(r -> sofar + r + ";"));
      }
      return chain;
    });

    assertThat(all).isEqualTo(expected);
    assertThat(origin.connections().count()).isEqualTo(1);
  }

  // An origin that says it will close must not be sent another request on that connection.
  @Test
  void aConnectionCloseResponseIsNotReused() {
    // Answers every request on every connection, and never closes by itself: only the client can.
    Origin origin = rawOrigin((socket, head, connection) ->
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/first", target)))).isEqualTo("200 ok");
    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/second", target)))).isEqualTo("200 ok");

    assertThat(origin.connections().count()).isEqualTo(2);
    // The client closed the first connection itself.
    Await.of(origin.connections().closed(0), 5);
  }

  // Origins close idle keep-alive connections; a request sent on one would fail for no reason of its own.
  @Test
  void aPooledConnectionTheOriginClosedIsNotUsed() {
    // The first connection is closed by the origin right after its first response; later ones stay open.
    Origin origin = rawOrigin((socket, head, connection) -> {
      Future<Void> written = socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      if (connection == 0) {
        written.onComplete(ar -> socket.close());
      }
    });
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/first", target)))).isEqualTo("200 ok");
    onClient(() -> eventually(() -> client.openConnections(target) == 0, "the client noticed the origin's close"));
    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/second", target)))).isEqualTo("200 ok");

    assertThat(origin.connections().count()).isEqualTo(2);
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isEqualTo(1);
  }

  // keepAliveMillis keeps the gateway from sending on a connection the origin is about to time out.
  @Test
  void aConnectionIdleLongerThanKeepAliveMillisIsNotReused() {
    UpstreamClientOptions d = TestUpstreamClients.OPTIONS;
    UpstreamClientOptions options = new UpstreamClientOptions(d.connectTimeoutMillis(), d.idleTimeoutMillis(), 1,
        d.maxConnections(), d.maxWaiters(), d.maxInitialLineLength(), d.maxHeaderSize(), d.maxChunkSize());
    Origin origin = httpOrigin(req -> req.response().end("fresh"));
    UpstreamTarget target = startClient(options, origin);

    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/first", target)))).isEqualTo("200 fresh");
    // A real elapsed-time rule: the pooled connection must be idle for longer than 1 ms.
    String second = onClient(() -> delay(50).compose(v -> fetch(target, TestUpstreamClients.get("/second", target))));
    assertThat(second).isEqualTo("200 fresh");

    assertThat(origin.connections().count()).isEqualTo(2);
    // The expired connection was closed by the client, not left open.
    Await.of(origin.connections().closed(0), 5);
  }

  // A body that cannot be sent twice must not meet a connection the origin may have just dropped:
  // it takes a pooled connection only if that one carried a response within the given limit.
  @Test
  void aLeaseForARecentConnectionSkipsAnIdleOneOlderThanItsLimit() {
    FakeTicker ticker = new FakeTicker();
    Origin origin = httpOrigin(req -> req.response().end("ok"));
    startClient(TestUpstreamClients.OPTIONS, ticker);
    UpstreamTarget target = TestUpstreamClients.plainTarget(origin.port());
    long limit = Duration.ofSeconds(2).toNanos();

    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/first", target)))).isEqualTo("200 ok");
    ticker.advance(Duration.ofSeconds(3));
    assertThat(onClient(() -> fetch(client.leaseRecent(target, limit), TestUpstreamClients.get("/one-shot", target))))
        .isEqualTo("200 ok");
    assertThat(origin.connections().count()).isEqualTo(2);

    // Within the limit it reuses; and an ordinary lease still takes an idle connection older than
    // that, up to the 55 s keep-alive.
    assertThat(onClient(() -> fetch(client.leaseRecent(target, limit), TestUpstreamClients.get("/again", target))))
        .isEqualTo("200 ok");
    ticker.advance(Duration.ofSeconds(3));
    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/plain", target)))).isEqualTo("200 ok");
    assertThat(origin.connections().count()).isEqualTo(2);
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isEqualTo(2);
  }

  // The pool bounds connections and queued requests per origin, and hands a released connection to the oldest waiter.
  @Test
  void thePoolOpensAtMostMaxConnectionsQueuesMaxWaitersAndRefusesTheRest() {
    UpstreamClientOptions options = TestUpstreamClients.pool(2, 1);
    // Holds every request until the test answers it.
    Queue<Held> held = new ConcurrentLinkedQueue<>();
    Promise<Void> twoArrived = Promise.promise();
    Promise<Void> threeArrived = Promise.promise();
    AtomicInteger arrived = new AtomicInteger();
    Origin origin = httpOrigin(req -> {
      held.add(new Held(Vertx.currentContext(), req));
      int n = arrived.incrementAndGet();
      if (n == 2) {
        twoArrived.complete();
      } else if (n == 3) {
        threeArrived.complete();
      }
    });
    UpstreamTarget target = startClient(options, origin);

    List<Future<UpstreamConnection>> leases = onClient(() -> Future.succeededFuture(List.of(
        client.lease(target), client.lease(target), client.lease(target), client.lease(target))));
    // The fourth failed at once: two connecting, one waiting, no room for more.
    assertThat(leases.get(3).failed()).isTrue();
    assertThat(leases.get(3).cause()).hasMessageContaining("too many");

    List<UpstreamExchange> exchanges = onClient(() -> Future.all(leases.get(0), leases.get(1)).map(all -> {
      List<UpstreamExchange> started = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        UpstreamExchange exchange = leases.get(i).result().begin(TestUpstreamClients.get("/held-" + i, target));
        exchange.send(null);
        started.add(exchange);
      }
      return started;
    }));
    Await.of(twoArrived.future(), 5);
    assertThat(onClient(() -> Future.succeededFuture(leases.get(2).isComplete()))).isFalse();
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isEqualTo(2);

    held.poll().answer("first");
    String first = onClient(() -> exchanges.get(0).response().compose(r -> r.body()).map(Buffer::toString));
    assertThat(first).isEqualTo("first");

    // The released connection went to the waiter.
    UpstreamConnection third = onClient(() -> leases.get(2));
    assertThat(third).isSameAs(leases.get(0).result());
    UpstreamExchange thirdExchange = onClient(() -> {
      UpstreamExchange exchange = third.begin(TestUpstreamClients.get("/held-2", target));
      exchange.send(null);
      return Future.succeededFuture(exchange);
    });
    Await.of(threeArrived.future(), 5);
    held.poll().answer("second");
    held.poll().answer("third");
    String second = onClient(() -> exchanges.get(1).response().compose(r -> r.body()).map(Buffer::toString));
    assertThat(second).isEqualTo("second");
    String thirdBody = onClient(() -> thirdExchange.response().compose(r -> r.body()).map(Buffer::toString));
    assertThat(thirdBody).isEqualTo("third");

    assertThat(origin.connections().count()).isEqualTo(2);
  }

  // A probe must measure the upstream, not the pool's queue: at the pool's size it gets a connection
  // of its own at once, and the pool closes that one when it comes back, returning to its size.
  @Test
  void aProbeLeaseDoesNotWaitForAFullPoolAndItsExtraConnectionIsClosedOnRelease() {
    UpstreamClientOptions options = TestUpstreamClients.pool(1, 1);
    Queue<Held> held = new ConcurrentLinkedQueue<>();
    Promise<Void> heldArrived = Promise.promise();
    Origin origin = httpOrigin(req -> {
      if (req.path().startsWith("/held")) {
        held.add(new Held(Vertx.currentContext(), req));
        heldArrived.tryComplete();
      } else {
        req.response().end("probe");
      }
    });
    UpstreamTarget target = startClient(options, origin);
    Future<String> busy = onClient(() -> Future.succeededFuture(fetch(target, TestUpstreamClients.get("/held", target))));
    Await.of(heldArrived.future(), 5);

    // The pool is at its size with its one connection busy: a request would wait, a probe does not.
    String probed = onClient(() -> client.leaseForProbe(target)
        .map(connection -> connection.begin(TestUpstreamClients.get("/probe", target)))
        .compose(exchange -> {
          exchange.send(null);
          return exchange.response();
        })
        .compose(response -> response.body().map(Buffer::toString)));

    assertThat(probed).isEqualTo("probe");
    assertThat(origin.connections().count()).isEqualTo(2);
    Await.of(origin.connections().closed(1), 5);
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isEqualTo(1);
    held.poll().answer("busy");
    assertThat(onClient(() -> busy)).isEqualTo("200 busy");
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isEqualTo(1);
  }

  // A HEAD response's Content-Length describes a body that is never sent: waiting for it would hang and desync the connection.
  @Test
  void aHeadResponseEndsWithoutABodyAndTheConnectionCarriesTheNextRequest() {
    Origin origin = rawOrigin((socket, head, connection) -> {
      if (head.startsWith("HEAD ")) {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
      } else {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
      }
    });
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    AttemptRequest headRequest = TestUpstreamClients.request(HttpMethod.HEAD, "/object", target);
    String head = onClient(() -> response(target, headRequest).compose(response -> response.body().map(body ->
        response.statusCode() + " " + response.getHeader("Content-Length") + " [" + body + "]")));
    assertThat(head).isEqualTo("200 1234 []");

    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/object", target)))).isEqualTo("200 hello");
    assertThat(origin.connections().count()).isEqualTo(1);
  }

  // Common names are shared rather than copied from each response: the spelling must still be the
  // origin's, and a chunked body's trailers must not upset the framing of the next response.
  @Test
  void headerNamesKeepTheOriginsSpellingAndAChunkedBodyWithTrailersEnds() {
    Origin origin = rawOrigin((socket, head, connection) -> socket.write("HTTP/1.1 200 OK\r\n"
        + "content-type: text/plain\r\nETag: \"a\"\r\nX-Custom: v\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\nhello\r\n0\r\nx-oss-hash-crc64ecma: 123\r\n\r\n"));
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    for (int i = 0; i < 2; i++) {
      String seen = onClient(() -> response(target, TestUpstreamClients.get("/object", target))
          .compose(response -> response.body().map(body -> {
            List<String> names = new ArrayList<>();
            response.headers().forEach((name, value) -> names.add(name + "=" + value));
            return names + " " + body;
          })));
      assertThat(seen).isEqualTo("[content-type=text/plain, ETag=\"a\", X-Custom=v, Transfer-Encoding=chunked] hello");
    }
    assertThat(origin.connections().count()).isEqualTo(1);
  }

  // A truncated body must surface as an error, never as a clean end the proxy would relay as complete.
  @Test
  void aBodyCutMidWayFailsTheResponseInsteadOfEndingIt() {
    Origin origin = rawOrigin((socket, head, connection) ->
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100))
            .onComplete(ar -> socket.close()));
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    AtomicLong bytes = new AtomicLong();
    Throwable failure = onClient(() -> response(target, TestUpstreamClients.get("/cut", target)).compose(response -> {
      Promise<Throwable> outcome = Promise.promise();
      response.handler(chunk -> {
        bytes.addAndGet(chunk.length());
        UpstreamResponse.release(chunk);
      });
      response.endHandler(v -> outcome.tryFail(new AssertionError("end reported after " + bytes.get() + " of 1000 bytes")));
      response.exceptionHandler(outcome::tryComplete);
      return outcome.future();
    }));

    assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(bytes.get()).isEqualTo(100);
    onClient(() -> eventually(() -> client.openConnections(target) == 0, "the cut connection left the pool"));
  }

  // A paused download must stop reading the socket, or a slow client makes the gateway buffer the whole object.
  @Test
  void pausingTheResponseStopsReadingAndResumingDeliversTheWholeBody() {
    long size = 64L * 1024 * 1024;
    Buffer block = Buffer.buffer(new byte[64 * 1024]);
    AtomicLong written = new AtomicLong();
    Origin origin = rawOrigin((socket, head, connection) -> {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
      pump(socket, block, written, size);
    });
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    AtomicLong received = new AtomicLong();
    Promise<Long> whole = Promise.promise();
    AtomicReference<UpstreamResponse> paused = new AtomicReference<>();
    long firstChunk = onClient(() -> response(target, TestUpstreamClients.get("/big", target)).compose(response -> {
      Promise<Long> first = Promise.promise();
      response.handler(chunk -> {
        long total = received.addAndGet(chunk.length());
        UpstreamResponse.release(chunk);
        if (paused.compareAndSet(null, response)) {
          response.pause();
          first.complete(total);
        }
      });
      response.endHandler(v -> whole.tryComplete(received.get()));
      response.exceptionHandler(whole::tryFail);
      return first.future();
    }));

    // The origin can only fill the socket buffers on both sides, then its writes stall.
    long stalledAt = -1;
    long previous = written.get();
    int stable = 0;
    for (int i = 0; i < 50 && stable < 3; i++) {
      Await.of(vertx.timer(100), 5);
      long now = written.get();
      stable = now == previous ? stable + 1 : 0;
      previous = now;
      stalledAt = now;
    }
    assertThat(stable).as("the origin's writes stalled (at %d bytes)", stalledAt).isEqualTo(3);
    assertThat(stalledAt).isLessThan(16L * 1024 * 1024);
    // Nothing was handed on while paused.
    assertThat(received.get()).isEqualTo(firstChunk);

    long total = onClient(() -> {
      paused.get().resume();
      return whole.future();
    });
    assertThat(total).isEqualTo(size);
    assertThat(written.get()).isEqualTo(size);
  }

  // Expect: 100-continue lets the origin refuse an upload before it is sent; the body must wait for the 100.
  @Test
  void expectContinueSendsTheBodyAfterTheOriginsHundredContinue() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Origin origin = httpOrigin(new HttpServerOptions().setHandle100ContinueAutomatically(false), req -> {
      if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
        seen.add("expect");
        req.response().writeContinue();
      }
      req.body().onSuccess(body -> req.response().end("got " + body));
    });
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    List<String> order = new ArrayList<>();
    String body = onClient(() -> {
      AttemptRequest head = TestUpstreamClients.request(HttpMethod.PUT, "/upload", target);
      head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5);
      head.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
      return begin(target, head).compose(exchange -> {
        exchange.continueHandler(() -> {
          order.add("continue (request ended: " + exchange.requestEnded() + ")");
          exchange.end(Buffer.buffer("hello"));
        });
        exchange.sendHead();
        order.add("head sent (request ended: " + exchange.requestEnded() + ")");
        return exchange.response();
      }).compose(response -> {
        order.add("response " + response.statusCode());
        return response.body();
      }).map(Buffer::toString);
    });

    assertThat(body).isEqualTo("got hello");
    assertThat(order).containsExactly("head sent (request ended: false)", "continue (request ended: false)",
        "response 200");
    assertThat(seen).containsExactly("expect");
    // The 100 and the final response were framed correctly: the connection carries another request.
    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/after", target)))).isEqualTo("200 got ");
    assertThat(origin.connections().count()).isEqualTo(1);
  }

  // A client that goes away mid-download must stop the upstream transfer, and the half-read connection must never be reused.
  @Test
  void resetDuringTheBodyClosesTheConnectionAndTheNextRequestOpensANewOne() {
    Origin origin = rawOrigin((socket, head, connection) -> {
      if (head.startsWith("GET /partial ")) {
        // A first part of a larger body, then nothing: the rest never comes.
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n" + "x".repeat(16 * 1024));
      } else {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      }
    });
    UpstreamTarget target = startClient(TestUpstreamClients.OPTIONS, origin);

    Throwable failure = onClient(() -> begin(target, TestUpstreamClients.get("/partial", target)).compose(exchange -> {
      exchange.send(null);
      return exchange.response().compose(response -> {
        Promise<Throwable> outcome = Promise.promise();
        response.handler(chunk -> {
          UpstreamResponse.release(chunk);
          exchange.reset();
        });
        response.endHandler(v -> outcome.tryFail(new AssertionError("end reported after a reset")));
        response.exceptionHandler(outcome::tryComplete);
        return outcome.future();
      });
    }));
    assertThat(failure).hasMessageContaining("reset");

    // The origin saw the connection closed.
    Await.of(origin.connections().closed(0), 5);
    assertThat(onClient(() -> fetch(target, TestUpstreamClients.get("/ok", target)))).isEqualTo("200 ok");
    assertThat(origin.connections().count()).isEqualTo(2);
  }

  // A down origin must fail the lease promptly with the cause, so the proxy can try another endpoint.
  @Test
  void aConnectionRefusedFailsTheLease() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    UpstreamTarget target = TestUpstreamClients.plainTarget(port);
    startClient(TestUpstreamClients.OPTIONS);

    Throwable failure = onClient(() -> client.lease(target).transform(ar -> ar.succeeded()
        ? Future.failedFuture(new AssertionError("connected to a closed port"))
        : Future.succeededFuture(ar.cause())));

    assertThat(failure).isInstanceOf(ConnectException.class).hasMessageContaining("refused");
    assertThat(onClient(() -> Future.succeededFuture(client.openConnections(target)))).isZero();
  }

  // ---- the client ----------------------------------------------------------------------------

  private UpstreamTarget startClient(UpstreamClientOptions options, Origin origin) {
    startClient(options);
    return TestUpstreamClients.plainTarget(origin.port());
  }

  private void startClient(UpstreamClientOptions options) {
    startClient(options, Ticker.system());
  }

  private void startClient(UpstreamClientOptions options, Ticker ticker) {
    clientContext = vertx.getOrCreateContext();
    client = onClient(() -> Future.succeededFuture(TestUpstreamClients.create(vertx, options, channel -> {}, ticker)));
    assertThat(client.context()).isSameAs(clientContext);
  }

  /** Runs {@code step} on the client's context and waits for its outcome. */
  private <T> T onClient(Supplier<Future<T>> step) {
    return on(clientContext, step, 15);
  }

  private Future<UpstreamExchange> begin(UpstreamTarget target, AttemptRequest head) {
    return client.lease(target).map(connection -> connection.begin(head));
  }

  /** Sends {@code head} with no body; completes with the response head. */
  private Future<UpstreamResponse> response(UpstreamTarget target, AttemptRequest head) {
    return begin(target, head).compose(exchange -> {
      exchange.send(null);
      return exchange.response();
    });
  }

  /** The status and the whole body, as "200 body". */
  private Future<String> fetch(UpstreamTarget target, AttemptRequest head) {
    return fetch(client.lease(target), head);
  }

  /** As {@link #fetch(UpstreamTarget, AttemptRequest)}, on the connection {@code lease} gives. */
  private Future<String> fetch(Future<UpstreamConnection> lease, AttemptRequest head) {
    return lease.map(connection -> connection.begin(head)).compose(exchange -> {
      exchange.send(null);
      return exchange.response();
    }).compose(response -> response.body().map(body -> response.statusCode() + " " + body));
  }

  private Future<Void> delay(long millis) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, id -> elapsed.complete());
    return elapsed.future();
  }

  /** Polls {@code condition} on the current context every 10 ms, for at most 5 s. */
  private Future<Void> eventually(BooleanSupplier condition, String what) {
    return poll(condition, what, 500);
  }

  private Future<Void> poll(BooleanSupplier condition, String what, int attemptsLeft) {
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    if (attemptsLeft == 0) {
      return Future.failedFuture(new AssertionError("timed out waiting until " + what));
    }
    return delay(10).compose(v -> poll(condition, what, attemptsLeft - 1));
  }

  // ---- origins -------------------------------------------------------------------------------

  private record Origin(int port, Connections connections) {}

  /** The TCP connections an origin accepted, in order, and whether each has closed since. */
  private static final class Connections {
    private final List<Promise<Void>> closes = new CopyOnWriteArrayList<>();

    /** Registers a new connection; complete the promise when it closes. */
    Promise<Void> accepted() {
      Promise<Void> closed = Promise.promise();
      closes.add(closed);
      return closed;
    }

    int count() {
      return closes.size();
    }

    Future<Void> closed(int index) {
      return closes.get(index).future();
    }
  }

  /** A request an origin holds, answered on the context it arrived on. */
  private record Held(Context context, HttpServerRequest request) {
    void answer(String body) {
      context.runOnContext(v -> request.response().end(body));
    }
  }

  private Origin httpOrigin(Handler<HttpServerRequest> handler) {
    return httpOrigin(new HttpServerOptions(), handler);
  }

  private Origin httpOrigin(HttpServerOptions options, Handler<HttpServerRequest> handler) {
    Connections connections = new Connections();
    HttpServer server = onServer(() -> vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          Promise<Void> closed = connections.accepted();
          connection.closeHandler(v -> closed.tryComplete());
        })
        .requestHandler(handler)
        .listen(0, "127.0.0.1"));
    return new Origin(server.actualPort(), connections);
  }

  /** Answers one request head (request bodies are not read) on the {@code connection}-th connection. */
  @FunctionalInterface
  private interface RawAnswer {
    void answer(NetSocket socket, String requestHead, int connection);
  }

  /** An origin writing raw HTTP/1.1 bytes, for what a real server would not do on demand. */
  private Origin rawOrigin(RawAnswer answer) {
    Connections connections = new Connections();
    NetServer server = onServer(() -> vertx.createNetServer()
        .connectHandler(socket -> {
          int index = connections.count();
          Promise<Void> closed = connections.accepted();
          socket.closeHandler(v -> closed.tryComplete());
          // A client that closes with bytes unread resets the connection: expected here, not worth a log line.
          socket.exceptionHandler(e -> {});
          socket.handler(RecordParser.newDelimited("\r\n\r\n",
              head -> answer.answer(socket, head.toString(StandardCharsets.ISO_8859_1), index)));
        })
        .listen(0, "127.0.0.1"));
    return new Origin(server.actualPort(), connections);
  }

  /** Writes {@code size} bytes of {@code block}s, as fast as the socket takes them and no faster. */
  private static void pump(NetSocket socket, Buffer block, AtomicLong written, long size) {
    while (written.get() < size) {
      if (socket.writeQueueFull()) {
        socket.drainHandler(v -> pump(socket, block, written, size));
        return;
      }
      int n = (int) Math.min(block.length(), size - written.get());
      socket.write(n == block.length() ? block : block.slice(0, n));
      written.addAndGet(n);
    }
  }

  private <T> T onServer(Supplier<Future<T>> step) {
    return on(serverContext, step, 10);
  }

  private static <T> T on(Context context, Supplier<Future<T>> step, int seconds) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> {
      try {
        step.get().onComplete(done);
      } catch (Throwable t) {
        done.tryFail(t);
      }
    });
    return Await.of(done.future(), seconds);
  }
}
