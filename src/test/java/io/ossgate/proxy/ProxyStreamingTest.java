package io.ossgate.proxy;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.PatternBody;
import io.ossgate.testing.TestConfigs;
import io.ossgate.upstream.RelayMemory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bodies both ways: streamed, bounded, and never cut silently. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class ProxyStreamingTest {

  private GatewayHarness h;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    h = new GatewayHarness(vertx);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** Reads a response body into a SHA-256 digest and a byte count, without keeping it. */
  private static Future<String> digest(HttpClientResponse resp, AtomicLong received) {
    MessageDigest md = Digests.sha256();
    resp.handler(buf -> {
      received.addAndGet(buf.length());
      md.update(buf.getBytes());
    });
    return resp.end().map(v -> Digests.hex(md.digest()));
  }

  /** Builds {@code chain} on a Vert.x context and returns its failure cause (null when it succeeded). */
  private Throwable failureOf(Supplier<Future<String>> chain) {
    return Await.on(vertx, () -> chain.get().transform(ar -> Future.<Throwable>succeededFuture(ar.cause())), 20);
  }

  @Test
  void largeDownloadArrivesIdentical() {
    PatternBody body = new PatternBody(256L << 20, 7);
    int port = h.origin(req -> {
      req.response().putHeader("Content-Length", Long.toString(body.size()));
      body.writeTo(req.response(), new AtomicLong());
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    AtomicLong received = new AtomicLong();
    String sha = Await.on(vertx, () -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/big")
        .compose(HttpClientRequest::send)
        .compose(resp -> digest(resp, received)), 60);

    assertThat(received).hasValue(body.size());
    assertThat(sha).isEqualTo(body.sha256());
  }

  @Test
  void largeChunkedUploadArrivesIdentical() {
    PatternBody body = new PatternBody(128L << 20, 11);
    int port = h.origin(req -> {
      MessageDigest md = Digests.sha256();
      AtomicLong n = new AtomicLong();
      req.handler(buf -> {
        n.addAndGet(buf.length());
        md.update(buf.getBytes());
      });
      req.endHandler(v -> req.response()
          .putHeader("x-test-sha256", Digests.hex(md.digest()))
          .putHeader("x-test-bytes", Long.toString(n.get()))
          .putHeader("x-test-chunked", String.valueOf(req.headers().contains("Transfer-Encoding")))
          .end());
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    HttpClientResponse resp = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/upload")
        .compose(req -> {
          req.setChunked(true);
          body.writeTo(req, new AtomicLong());
          return req.response();
        }), 60);

    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("x-test-bytes")).isEqualTo(Long.toString(body.size()));
    assertThat(resp.getHeader("x-test-sha256")).isEqualTo(body.sha256());
    assertThat(resp.getHeader("x-test-chunked")).isEqualTo("true");
  }

  @Test
  void slowUpstreamStallsTheUploadingClient() throws Exception {
    PatternBody body = new PatternBody(512L << 20, 9);
    // The client and the upstream are plain blocking sockets: bytes counted as written are bytes
    // the kernel took, and an upstream that reads nothing reads nothing, whatever the transport
    // under test does with its own buffers. Only the gateway runs on it.
    try (ServerSocket origin = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> readNow = new CompletableFuture<>();
      CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> acceptAndDigest(origin, readNow, body.size()));
      h.start(TestConfigs.site().endpoint(INTERNAL, origin.getLocalPort()).build());

      AtomicLong written = new AtomicLong();
      CompletableFuture<String> status = CompletableFuture.supplyAsync(() -> upload(h.gateway().httpPort(), body, written));

      // The gateway stops reading the client while the upstream takes nothing: the client stalls
      // after what the socket buffers on both sides of the gateway and its own queues hold.
      long stalledAt = originStalls(written).timeout(30, SECONDS).await();
      assertThat(stalledAt)
          .as("bytes the client could send while the upstream read nothing")
          .isLessThan(64L << 20);

      readNow.complete(null);
      assertThat(sha.get(60, SECONDS)).isEqualTo(body.sha256());
      assertThat(status.get(10, SECONDS)).startsWith("HTTP/1.1 200");
    }
  }

  /** PUTs {@code body} through the gateway on a blocking socket; returns the response's status line. */
  private static String upload(int port, PatternBody body, AtomicLong written) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /up HTTP/1.1\r\nHost: " + TestConfigs.DOMAIN + "\r\nContent-Length: " + body.size() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      body.writeTo(out, written);
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  /**
   * Accepts one connection, waits for {@code readNow}, then reads the request head and
   * {@code length} body bytes into a SHA-256 and answers 200. Blocking: runs off the event loops.
   */
  private static String acceptAndDigest(ServerSocket server, CompletableFuture<Void> readNow, long length) {
    try (Socket socket = server.accept()) {
      readNow.get(60, SECONDS);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      int matched = 0;
      while (matched < 4) { // the head ends with CR LF CR LF
        int b = in.read();
        if (b < 0) {
          throw new EOFException("in the request head");
        }
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      MessageDigest md = Digests.sha256();
      byte[] chunk = new byte[1 << 16];
      long left = length;
      while (left > 0) {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
        if (n < 0) {
          throw new EOFException(left + " body bytes short");
        }
        md.update(chunk, 0, n);
        left -= n;
      }
      socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return Digests.hex(md.digest());
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  @Test
  void upstreamCutMidBodyResetsTheClientInsteadOfEndingShort() {
    int port = h.rawOrigin(socket -> socket.handler(data -> {
      // Promise 100000 bytes, send 1000, then drop the connection.
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nx-oss-request-id: R1\r\n\r\n");
      socket.write(Buffer.buffer(new byte[1000])).onComplete(v -> socket.close());
    }));
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    AtomicLong received = new AtomicLong();
    Throwable failure = failureOf(() -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/k")
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          assertThat(resp.statusCode()).isEqualTo(200);
          return digest(resp, received);
        }));
    assertThat(failure).as("client must see a broken body, not a short complete one").isNotNull();
    assertThat(received.get()).isLessThan(100000);
  }

  @Test
  void upstreamCutInAChunkedBodyResetsTheClient() {
    int port = h.rawOrigin(socket -> socket.handler(data -> {
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + "x".repeat(1024) + "\r\n")
          .onComplete(v -> socket.close());
    }));
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    Throwable failure = failureOf(() -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/k")
        .compose(HttpClientRequest::send)
        .compose(resp -> digest(resp, new AtomicLong())));
    assertThat(failure).isNotNull();
  }

  @Test
  void clientAbortDuringUploadResetsTheUpstreamRequest() {
    Promise<Void> firstBytes = Promise.promise();
    Promise<String> upstreamOutcome = Promise.promise();
    int port = h.origin(req -> {
      req.handler(buf -> firstBytes.tryComplete());
      req.endHandler(v -> upstreamOutcome.tryComplete("ended normally"));
      req.exceptionHandler(err -> upstreamOutcome.tryComplete("reset"));
      req.connection().closeHandler(v -> upstreamOutcome.tryComplete("reset"));
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    HttpClientRequest upload = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/k").map(req -> {
      req.putHeader("Content-Length", Long.toString(10L << 20));
      req.write(Buffer.buffer(new byte[64 * 1024]));
      return req;
    }), 10);
    firstBytes.future().timeout(10, SECONDS).await();
    Await.on(vertx, () -> upload.connection().close(), 10);

    assertThat(upstreamOutcome.future().timeout(10, SECONDS).await()).isEqualTo("reset");
  }

  @Test
  void clientAbortDuringDownloadResetsTheUpstreamRequest() {
    Promise<String> upstreamOutcome = Promise.promise();
    int port = h.origin(req -> {
      req.response().putHeader("Content-Length", Long.toString(1L << 30));
      req.response().write(Buffer.buffer(new byte[64 * 1024]));
      // Keep the response open: only the gateway's reset ends it.
      req.connection().closeHandler(v -> upstreamOutcome.tryComplete("reset"));
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    HttpClientResponse resp = Await.on(vertx, () -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/k")
        .compose(HttpClientRequest::send), 10);
    assertThat(resp.statusCode()).isEqualTo(200);
    Await.on(vertx, () -> resp.request().connection().close(), 10);

    assertThat(upstreamOutcome.future().timeout(10, SECONDS).await()).isEqualTo("reset");
  }

  @Test
  void expectContinueUploadWaitsForTheUpstreamsContinue() {
    PatternBody body = new PatternBody(3L << 20, 3);
    AtomicReference<String> expectSeen = new AtomicReference<>();
    int port = h.origin(req -> {
      expectSeen.set(req.getHeader("Expect"));
      MessageDigest md = Digests.sha256();
      req.handler(buf -> md.update(buf.getBytes()));
      req.endHandler(v -> req.response().putHeader("x-test-sha256", Digests.hex(md.digest())).end());
      req.response().writeContinue();
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    AtomicBoolean continued = new AtomicBoolean();
    HttpClientResponse resp = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/k")
        .compose(req -> {
          req.putHeader("Expect", "100-continue");
          req.putHeader("Content-Length", Long.toString(body.size()));
          req.continueHandler(v -> {
            continued.set(true);
            body.writeTo(req, new AtomicLong());
          });
          req.sendHead();
          return req.response();
        }), 20);

    assertThat(continued).isTrue();
    assertThat(expectSeen.get()).isEqualTo("100-continue");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("x-test-sha256")).isEqualTo(body.sha256());
  }

  @Test
  void expectContinueRejectedUpstreamAnswersWithoutTheBody() {
    AtomicLong bodyBytes = new AtomicLong();
    int port = h.origin(req -> {
      req.handler(buf -> bodyBytes.addAndGet(buf.length()));
      req.response().setStatusCode(403).putHeader("Content-Type", "application/xml")
          .end("<Error><Code>AccessDenied</Code></Error>");
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    AtomicBoolean continued = new AtomicBoolean();
    GatewayHarness.Response resp = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/k")
        .compose(req -> {
          req.putHeader("Expect", "100-continue");
          req.putHeader("Content-Length", "1048576");
          req.continueHandler(v -> continued.set(true));
          req.sendHead();
          return req.response().compose(r -> r.body().map(b -> new GatewayHarness.Response(r, b)));
        }), 20);

    assertThat(resp.status()).isEqualTo(403);
    assertThat(resp.text()).contains("AccessDenied");
    assertThat(continued).isFalse();
    assertThat(bodyBytes).hasValue(0);
  }

  /**
   * A client that stops reading must stop the upstream too: the bytes between origin and client
   * stay bounded by socket buffers and the gateway's write queue, instead of the gateway reading
   * the whole object into memory. Quiescence ("the origin has stopped writing") is observed by
   * polling the origin's counter; nothing here sleeps blindly.
   */
  @Test
  void slowClientHoldsBufferedBytesBounded() {
    PatternBody body = new PatternBody(512L << 20, 5);
    AtomicLong written = new AtomicLong();
    int port = h.origin(req -> {
      req.response().putHeader("Content-Length", Long.toString(body.size()));
      body.writeTo(req.response(), written);
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    // Pause on the response's own event loop, before any chunk can be delivered, and remember
    // that context: handlers and resume must happen there too.
    AtomicReference<io.vertx.core.Context> responseContext = new AtomicReference<>();
    HttpClientResponse resp = Await.on(vertx, () -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/big")
        .compose(HttpClientRequest::send)
        .map(r -> {
          r.pause();
          responseContext.set(io.vertx.core.Vertx.currentContext());
          return r;
        }), 10);

    long stalledAt = originStalls(written).timeout(30, SECONDS).await();
    assertThat(stalledAt)
        .as("bytes the origin could write while the client read nothing")
        .isLessThan(64L << 20);
    // Of those, the gateway itself holds at most the bytes its relay lets wait for the client, the
    // read in flight and one chunk read before the pause took effect; the rest sits in socket
    // buffers. (Without stopping the connection's reads, Vert.x queues 16 more chunks.)
    assertThat(h.gateway().relayMemory().directBytesInUse())
        .as("body bytes held by the gateway for a client that reads nothing")
        .isPositive()
        .isLessThanOrEqualTo(BodyRelay.MAX_UNSENT_BYTES + 2L * RelayMemory.MAX_READ_BYTES);

    AtomicLong received = new AtomicLong();
    Promise<String> sha = Promise.promise();
    // Attach the digest and resume on the response's own context: no chunk may slip in between.
    responseContext.get().runOnContext(v -> {
      digest(resp, received).onComplete(sha);
      resp.resume();
    });
    assertThat(sha.future().timeout(60, SECONDS).await()).isEqualTo(body.sha256());
    assertThat(received).hasValue(body.size());
  }

  /** Completes with a byte count (an origin's or a client's) once it has not moved for 5 checks 100 ms apart. */
  private Future<Long> originStalls(AtomicLong written) {
    Promise<Long> stalled = Promise.promise();
    long[] last = {-1};
    int[] still = {0};
    vertx.setPeriodic(Duration.ofMillis(100).toMillis(), id -> {
      long now = written.get();
      still[0] = now == last[0] && now > 0 ? still[0] + 1 : 0;
      last[0] = now;
      if (still[0] >= 5) {
        vertx.cancelTimer(id);
        stalled.tryComplete(now);
      }
    });
    return stalled.future();
  }
}
