package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.Faults;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness.Response;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emulator misbehaves on the only endpoint; the client gets a precise error or a visibly broken body. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class UpstreamFaultsTest {

  private static final long SIZE = 16L << 20;

  private Vertx vertx;
  private GatewayWithEmulator g;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void tearDown() {
    if (g != null) {
      g.close();
    }
  }

  private void start(UnaryOperator<TestConfigs> config) {
    g = GatewayWithEmulator.start(vertx, config, INTERNAL);
    g.emulator().store().putGenerated(GatewayWithEmulator.BUCKET, "obj.bin", SIZE, 5, "application/octet-stream");
  }

  private void faults(Faults f) {
    Await.on(vertx, () -> g.emulator().faults(INTERNAL).set(f), 10);
  }

  /** Downloads /obj.bin and returns the failure of its body (null when it ended cleanly). */
  private Throwable brokenDownload(AtomicLong received) {
    AtomicInteger status = new AtomicInteger();
    Throwable failure = g.failureOf(() -> g.request(HttpMethod.GET, "/obj.bin")
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          status.set(resp.statusCode());
          return GatewayWithEmulator.digest(resp, received);
        }), 20);
    assertThat(status).as("the headers were relayed before the body broke").hasValue(200);
    assertThat(received.get()).as("some of the body arrived").isPositive();
    return failure;
  }

  @Test
  void refusedConnectionsGive502NamingTheUpstream() {
    start(UnaryOperator.identity());
    faults(Faults.none().withRefuseConnections(true));

    Response r = g.send(HttpMethod.GET, "/obj.bin");

    assertThat(r.status()).isEqualTo(502);
    assertThat(r.header("Content-Type")).isEqualTo("application/xml");
    assertThat(r.text()).contains("<Code>UpstreamUnavailable</Code>").contains(g.bucketHost(INTERNAL));
    assertThat(g.emulator().requests().all()).isEmpty();
  }

  @Test
  void resetMidBodyBreaksTheClientBody() {
    start(UnaryOperator.identity());
    faults(Faults.none().withResetAfterBytes(1 << 20));

    AtomicLong received = new AtomicLong();
    Throwable failure = brokenDownload(received);

    assertThat(failure).as("client must see a broken body, never a short complete one").isNotNull();
    assertThat(received.get()).isLessThan(SIZE);
    RecordedRequest up = Await.of(g.emulator().requests().next(x -> true), 10);
    assertThat(up.outcome()).isEqualTo(RecordedRequest.Outcome.RESET_BY_FAULT);
    assertThat(up.header("Range")).as("the first request is the client's own").isEmpty();
    // With one endpoint, the gateway resumes on it (Range from the next unsent byte, pinned by
    // If-Match) until its resume attempts run out; every piece is cut too, so the client is reset.
    assertThat(g.emulator().requests().all()).allSatisfy(r -> assertThat(r.outcome())
        .isEqualTo(RecordedRequest.Outcome.RESET_BY_FAULT));
    assertThat(g.emulator().requests().all().subList(1, g.emulator().requests().all().size())).allSatisfy(r -> {
      assertThat(r.header("Range")).isPresent();
      assertThat(r.header("If-Match")).isPresent();
    });
  }

  @Test
  void stallBeforeHeadersGives504() {
    start(c -> c.timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(10)));
    faults(Faults.none().withStall(true));

    Response r = g.send(HttpMethod.GET, "/obj.bin");

    assertThat(r.status()).isEqualTo(504);
    assertThat(r.header("Content-Type")).isEqualTo("application/xml");
    assertThat(r.text()).contains("<Code>UpstreamTimeout</Code>").contains(g.bucketHost(INTERNAL));
    // The gateway gave up on the stalled request: the emulator sees its client go away.
    RecordedRequest up = Await.of(g.emulator().requests().next(x -> true), 10);
    assertThat(up.outcome()).isEqualTo(RecordedRequest.Outcome.CLIENT_CLOSED);
    assertThat(up.status()).isZero();
  }

  @Test
  void stallMidBodyWithShortIdleTimeoutBreaksTheClientBody() {
    start(c -> c.timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(300)));
    faults(Faults.none().withStallAfterBytes(1 << 20));

    AtomicLong received = new AtomicLong();
    Throwable failure = brokenDownload(received);

    assertThat(failure).as("client must see a broken body, never a short complete one").isNotNull();
    assertThat(received.get()).isLessThan(SIZE);
  }

  @Test
  void slowDownFromOssPassesThrough() {
    start(UnaryOperator.identity());
    faults(Faults.none().withErrorRate(100, 503));

    Response r = g.send(HttpMethod.GET, "/obj.bin");

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Server")).isEqualTo("AliyunOSS");
    assertThat(r.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    assertThat(r.text()).contains("<Code>SlowDown</Code>")
        .contains("<RequestId>" + r.header("x-oss-request-id") + "</RequestId>");
    g.onlyUpstreamRequest(HttpMethod.GET, "/obj.bin");
  }

  @Test
  void unknownHostIsNeverForwarded() {
    start(UnaryOperator.identity());

    Response r = g.harness().send(HttpMethod.GET, "evil.example.com", "/obj.bin");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("application/xml");
    assertThat(r.text()).contains("<Code>DomainNotConfigured</Code>").contains("evil.example.com");
    assertThat(g.emulator().requests().all()).isEmpty();
  }
}
