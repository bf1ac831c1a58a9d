package io.ossgate.selection;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.Faults;
import io.ossgate.emulator.GeneratedContent;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.FakeTicker;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.PatternBody;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstream failures hidden from clients where the protocol allows, and surfaced clearly where it
 * does not. Health runs on a fake ticker: breaker timing is stepped, not waited for.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class FailoverTest {

  private final FakeTicker ticker = new FakeTicker();
  private EmulatedSite site;

  @AfterEach
  void tearDown() {
    if (site != null) {
      site.close();
    }
  }

  private EmulatedSite start(Vertx vertx, Duration firstByteTimeout) {
    site = EmulatedSite.start(vertx, Selections.probesOnDemand(), ticker, firstByteTimeout, INTERNAL, INTERNET);
    return site;
  }

  @Test
  void refusedUpstreamCostsNoClientErrorsOpensItsBreakerAndRecovers(Vertx vertx) {
    start(vertx, Duration.ofSeconds(5));
    site.emulator.store().put(TestConfigs.BUCKET.value(), "k", "hello".getBytes(), "text/plain");
    site.faults(INTERNAL, Faults.none().withRefuseConnections(true));

    for (int i = 0; i < 20; i++) {
      GatewayHarness.Response resp = site.get("/k");
      assertThat(resp.status()).isEqualTo(200);
      assertThat(resp.header("X-Ossgate-Endpoint")).isEqualTo("internet");
    }
    // Traffic left internal after its first failure; probes keep testing it and open its breaker.
    site.probeNow();
    site.probeNow();
    assertThat(site.breaker(INTERNAL)).isEqualTo("OPEN");
    assertThat(site.harness.admin("/ready").status()).as("internet still serves").isEqualTo(200);

    site.faults(INTERNAL, Faults.none());
    ticker.advance(Duration.ofSeconds(11));
    site.probeNow();

    assertThat(site.breaker(INTERNAL)).isEqualTo("CLOSED");
    assertThat(site.get("/k").status()).isEqualTo(200);
  }

  @Test
  void largePutWhoseUpstreamFailsAfterTheBodyWasSentIsNotSentTwice(Vertx vertx) {
    start(vertx, Duration.ofSeconds(1));
    site.faults(INTERNAL, Faults.none().withStall(true));
    PatternBody body = new PatternBody(2L << 20, 9); // above the 1 MiB replay buffer

    HttpClientResponse resp = Await.on(vertx, () -> site.harness.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/big")
        .compose(req -> {
          req.putHeader("Content-Length", Long.toString(body.size()));
          body.writeTo(req, new AtomicLong());
          return req.response();
        }));

    // 504 when the body fit in the socket buffers (first-byte timeout), 502 when the stalled
    // upstream stopped it mid-body (idle timeout): either way it failed and was not repeated.
    assertThat(resp.statusCode()).isIn(502, 504);
    // The gateway decides on any second attempt before it answers, so the log is final here. The
    // stalled internal endpoint may or may not have logged the PUT it was abandoned with (that
    // depends on when its connection's close is seen); no other endpoint may have seen one.
    assertThat(site.emulator.requests().all()).filteredOn(r -> r.method().equals("PUT"))
        .allSatisfy(put -> {
          assertThat(put.endpoint()).isEqualTo(INTERNAL);
          assertThat(put.bodyBytes()).isLessThan(body.size());
        })
        .hasSizeLessThanOrEqualTo(1);
    io.vertx.core.json.JsonObject internal = site.status().getJsonArray("sites").getJsonObject(0)
        .getJsonArray("upstreams").getJsonObject(0);
    assertThat(internal.getString("type")).isEqualTo("internal");
    assertThat(internal.getLong("failures")).isEqualTo(1);
  }

  @Test
  void smallPutIsReplayedOnTheNextUpstream(Vertx vertx) {
    start(vertx, Duration.ofSeconds(1));
    site.faults(INTERNAL, Faults.none().withStall(true));
    byte[] data = new byte[10_000];
    new java.util.Random(1).nextBytes(data);

    HttpClientResponse resp = Await.on(vertx, () -> site.harness.request(HttpMethod.PUT, TestConfigs.DOMAIN, "/small")
        .compose(req -> req.putHeader("Content-Length", "10000").send(Buffer.buffer(data))));

    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("X-Ossgate-Endpoint")).isEqualTo("internet");
    RecordedRequest stored = Await.of(site.emulator.requests().next(r -> r.method().equals("PUT") && r.endpoint() == INTERNET));
    assertThat(stored.bodySha256()).isEqualTo(Digests.sha256Hex(data));
  }

  @Test
  void appendIsNeverRepeated(Vertx vertx) {
    start(vertx, Duration.ofSeconds(1));
    site.faults(INTERNAL, Faults.none().withStall(true));

    HttpClientResponse resp = Await.on(vertx, () -> site.harness.request(HttpMethod.POST, TestConfigs.DOMAIN,
            "/log?append&position=0")
        .compose(req -> req.putHeader("Content-Length", "5").send(Buffer.buffer("hello"))));

    assertThat(resp.statusCode()).isEqualTo(504);
    Await.of(site.emulator.requests().next(r -> r.method().equals("POST")));
    assertThat(site.emulator.requests().all()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
  }

  @Test
  void bodyCutMidStreamArrivesCompleteThroughResume(Vertx vertx) {
    start(vertx, Duration.ofSeconds(5));
    long size = 24L << 20;
    site.emulator.store().putGenerated(TestConfigs.BUCKET.value(), "big", size, 42, "application/octet-stream");
    site.faults(INTERNAL, Faults.none().withResetAfterBytes(5L << 20));

    AtomicLong received = new AtomicLong();
    MessageDigest md = Digests.sha256();
    HttpClientResponse resp = Await.on(vertx, () -> site.harness.request(HttpMethod.GET, TestConfigs.DOMAIN, "/big")
        .compose(HttpClientRequest::send)
        .compose(r -> {
          r.handler(buf -> {
            received.addAndGet(buf.length());
            md.update(buf.getBytes());
          });
          return r.end().map(v -> r);
        }));

    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(received).hasValue(size);
    assertThat(Digests.hex(md.digest())).isEqualTo(Digests.hex(GeneratedContent.sha256(42, size)));
    RecordedRequest resumed = Await.of(site.emulator.requests().next(r -> r.endpoint() == INTERNET && r.method().equals("GET")));
    // The resume starts where the relayed bytes ended: at the cut, or a little before it when the
    // last bytes sent before the reset never reached the relay (seen once in a full run: 64 KiB
    // short; chunks still queued behind a pause are dropped once the error arrives). The digest
    // above proves the splice exact either way.
    String range = resumed.header("Range").orElseThrow();
    assertThat(range).startsWith("bytes=").endsWith("-" + (size - 1));
    long resumedAt = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
    assertThat(resumedAt).isPositive().isLessThanOrEqualTo(5L << 20);
    assertThat(resumed.header("If-Match")).isPresent();
  }

  @Test
  void objectChangedDuringResumeResetsTheClientInsteadOfSplicing(Vertx vertx) {
    GatewayHarness h = new GatewayHarness(vertx);
    try {
      int internal = h.rawOrigin(socket -> socket.handler(data -> {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nETag: \"v1\"\r\n\r\n");
        socket.write(Buffer.buffer(new byte[1000])).onComplete(v -> socket.close());
      }));
      java.util.concurrent.atomic.AtomicReference<String> resumeHeaders = new java.util.concurrent.atomic.AtomicReference<>();
      int internet = h.origin(req -> {
        resumeHeaders.set(req.getHeader("Range") + " " + req.getHeader("If-Match"));
        // The object was overwritten: its ETag is no longer v1.
        req.response().setStatusCode(412).putHeader("Content-Type", "application/xml")
            .end("<Error><Code>PreconditionFailed</Code></Error>");
      });
      h.use(Await.on(vertx, () -> io.ossgate.server.Gateway.start(vertx, TestConfigs.site().selection(Selections.noProbes())
          .endpoint(INTERNAL, internal).endpoint(INTERNET, internet).build(), 1, ticker)));

      Throwable failure = Await.on(vertx, () -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/k")
          .compose(HttpClientRequest::send)
          .compose(HttpClientResponse::body)
          .transform(ar -> Future.<Throwable>succeededFuture(ar.cause())));

      assertThat(failure).as("the client must see a broken body").isNotNull();
      assertThat(resumeHeaders.get()).isEqualTo("bytes=1000-99999 \"v1\"");
    } finally {
      h.close();
    }
  }

  @Test
  void allUpstreamsDownGivesOneClearXmlError(Vertx vertx) {
    start(vertx, Duration.ofSeconds(5));
    site.faults(INTERNAL, Faults.none().withRefuseConnections(true));
    site.faults(INTERNET, Faults.none().withRefuseConnections(true));

    GatewayHarness.Response resp = site.get("/k");

    assertThat(resp.status()).isEqualTo(502);
    assertThat(resp.header("Content-Type")).isEqualTo("application/xml");
    assertThat(resp.text())
        .contains("<Code>UpstreamUnavailable</Code>")
        .contains(TestConfigs.host(INTERNAL))
        .contains(TestConfigs.host(INTERNET));
  }
}
