package io.ossgate.proxy;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.common.Ticker;
import io.ossgate.config.GatewayConfig;
import io.ossgate.server.Gateway;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.FakeTicker;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.GatewayHarness.Response;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upstream may close an idle keep-alive connection just as the gateway reuses it (its idle
 * timeout, a restart): the request then meets a closed or reset connection before any answer.
 * A request that is safe to send twice goes out again on a new connection; one that is not fails
 * as before. The origin here is raw TCP, so the test decides exactly which request meets a dropped
 * connection, and it records every request line it read, per connection.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class DroppedKeepAliveConnectionTest {

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

  @Test
  void aGetOnAPooledConnectionTheOriginDroppedGoesOutAgainOnANewConnection() {
    Origin origin = startOrigin((connection, nth, line) -> connection == 0 && nth == 2);

    assertThat(h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/first").text()).isEqualTo("ok GET /first");
    Response second = h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/second?x=1");

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.text()).isEqualTo("ok GET /second?x=1");
    assertThat(second.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    assertThat(origin.seen).containsExactly("0 GET /first", "0 GET /second?x=1", "1 GET /second?x=1");
    // A connection the upstream had given up on says nothing about the upstream's health,
    // but operators see how often it happens.
    assertThat(upstreamStatus().getLong("failures")).isZero();
    assertThat(h.admin("/metrics").text()).contains(
        "ossgate_upstream_resends_total{endpoint=\"internal\",reason=\"dropped-connection\",site=\"static\"} 1.0");
  }

  @Test
  void aSmallPutGoesOutAgainWithItsWholeBody() {
    Origin origin = startOrigin((connection, nth, line) -> connection == 0 && nth == 2);
    h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/warm");

    String body = "a small body, buffered for replay";
    Response put = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/object.txt")
        .compose(req -> req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Response(resp, b))));

    assertThat(put.status()).isEqualTo(200);
    assertThat(origin.seen).containsExactly("0 GET /warm", "0 PUT /object.txt", "1 PUT /object.txt");
    assertThat(origin.bodies).containsExactly("1 " + Digests.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aStreamedUploadAfterAnIdleSpellGoesOutOnANewConnection() {
    FakeTicker ticker = new FakeTicker();
    Origin origin = startOrigin((connection, nth, line) -> connection == 0 && nth == 2, ticker);
    h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/warm");
    // Longer than a streamed body may find a pooled connection idle (2 s), well within keep-alive.
    ticker.advance(Duration.ofSeconds(3));

    // Over the 1 MiB replay buffer: streamed, so it could not be sent twice.
    byte[] body = new byte[(1 << 20) + 4096];
    new Random(7).nextBytes(body);
    Response put = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/part.bin")
        .compose(req -> req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Response(resp, b))));

    assertThat(put.status()).as(put.text() + " seen " + origin.seen).isEqualTo(200);
    assertThat(origin.seen).containsExactly("0 GET /warm", "1 PUT /part.bin");
    assertThat(origin.bodies).containsExactly("1 " + Digests.sha256Hex(body));
  }

  @Test
  void aStreamedUploadRightAfterAResponseReusesTheConnection() {
    Origin origin = startOrigin((connection, nth, line) -> false);
    h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/warm");

    byte[] body = new byte[(1 << 20) + 4096];
    Response put = Await.on(vertx, () -> h.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/part.bin")
        .compose(req -> req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Response(resp, b))));

    assertThat(put.status()).isEqualTo(200);
    assertThat(origin.seen).containsExactly("0 GET /warm", "0 PUT /part.bin");
  }

  @Test
  void aRequestThatIsNotSafeToRepeatIsNotSentTwice() {
    Origin origin = startOrigin((connection, nth, line) -> connection == 0 && nth == 2);
    h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/warm");

    // An unknown POST (here a restore) may have been acted on before the connection broke.
    Response restore = h.send(HttpMethod.POST, TestConfigs.DOMAIN, "/archived.bin?restore");

    assertThat(restore.status()).isEqualTo(502);
    assertThat(origin.seen).containsExactly("0 GET /warm", "0 POST /archived.bin?restore");
    assertThat(origin.connections.get()).isEqualTo(1);
    assertThat(h.admin("/metrics").text()).doesNotContain("ossgate_upstream_resends");
  }

  @Test
  void aNewConnectionDroppedTooFailsTheRequestWithoutAThirdTry() {
    // Drops the reused connection, then the new connection's first request as well.
    Origin origin = startOrigin((connection, nth, line) -> (connection == 0 && nth == 2) || connection == 1);
    h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/warm");

    Response second = h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/second");

    assertThat(second.status()).isEqualTo(502);
    assertThat(origin.seen).containsExactly("0 GET /warm", "0 GET /second", "1 GET /second");
    assertThat(upstreamStatus().getLong("failures")).isEqualTo(1);
  }

  @Test
  void aFirstRequestOnANewConnectionThatIsDroppedIsNotSentAgain() {
    Origin origin = startOrigin((connection, nth, line) -> connection == 0);

    Response first = h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/first");

    // A connection that never answered anything is the upstream failing, not a stale pool entry.
    assertThat(first.status()).isEqualTo(502);
    assertThat(origin.seen).containsExactly("0 GET /first");
  }

  // ---- the origin ----------------------------------------------------------------------------

  /** Which requests the origin drops: the connection's index, the request's place on it (1 = first), its request line. */
  @FunctionalInterface
  private interface DropRule {
    boolean drop(int connection, int nth, String requestLine);
  }

  /** What the origin read: "connection request-line" per request, "connection body-SHA-256" per body. */
  private record Origin(List<String> seen, List<String> bodies, AtomicInteger connections) {}

  /**
   * A raw HTTP/1.1 origin on loopback that keeps connections alive and answers
   * {@code ok METHOD URI}, except that it closes the connection, unanswered and with the request
   * unread (so the kernel resets it), when {@code rule} says so.
   */
  private Origin startOrigin(DropRule rule) {
    return startOrigin(rule, Ticker.system());
  }

  /** As {@link #startOrigin(DropRule)}, with a gateway on {@code ticker}. */
  private Origin startOrigin(DropRule rule, Ticker ticker) {
    Origin origin = new Origin(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new AtomicInteger());
    int port = h.rawOrigin(socket -> serve(socket, origin.connections.getAndIncrement(), rule, origin));
    GatewayConfig config = TestConfigs.site().endpoint(INTERNAL, port).build();
    h.use(Await.on(vertx, () -> Gateway.start(vertx, config, 1, ticker), 10));
    return origin;
  }

  private static void serve(NetSocket socket, int connection, DropRule rule, Origin origin) {
    socket.exceptionHandler(e -> { });
    RecordParser parser = RecordParser.newDelimited("\r\n\r\n");
    parser.handler(new Handler<>() {
      private int requests;
      /** The request line whose body the parser is reading, or null while it reads a head. */
      private String awaitingBody;

      @Override
      public void handle(Buffer record) {
        if (awaitingBody != null) {
          origin.bodies.add(connection + " " + Digests.sha256Hex(record.getBytes()));
          String line = awaitingBody;
          awaitingBody = null;
          parser.delimitedMode("\r\n\r\n");
          answer(socket, line);
          return;
        }
        String head = record.toString(StandardCharsets.ISO_8859_1);
        String line = head.lines().findFirst().orElse("");
        String requestLine = line.substring(0, line.lastIndexOf(' '));
        origin.seen.add(connection + " " + requestLine);
        if (rule.drop(connection, ++requests, requestLine)) {
          socket.close();
          return;
        }
        int length = contentLength(head);
        if (length > 0) {
          awaitingBody = requestLine;
          parser.fixedSizeMode(length);
        } else {
          answer(socket, requestLine);
        }
      }
    });
    socket.handler(parser);
  }

  private static void answer(NetSocket socket, String requestLine) {
    String body = "ok " + requestLine;
    socket.write("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nContent-Type: text/plain\r\n\r\n" + body);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  private JsonObject upstreamStatus() {
    return new JsonObject(h.admin("/status").text()).getJsonArray("sites").getJsonObject(0)
        .getJsonArray("upstreams").getJsonObject(0);
  }
}
