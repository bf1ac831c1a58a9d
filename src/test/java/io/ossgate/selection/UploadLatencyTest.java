package io.ossgate.selection;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.FakeTicker;
import io.ossgate.testing.GatewayHarness.Response;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upload's duration is the client's and the link's, not the upstream's answer time: a 10 GB
 * part that takes minutes to send must not make the free internal endpoint look minutes slow and
 * push every download to a paid one. The latency sample of a streamed upload starts when its
 * body has been sent, as the first-byte timer does. The gateway's ticker is a fake one, stepped
 * by the test while the body is on its way, so the sample is exact.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class UploadLatencyTest {

  private EmulatedSite site;

  @AfterEach
  void tearDown() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aLongStreamedUploadIsNotALatencySample(Vertx vertx) {
    FakeTicker ticker = new FakeTicker();
    site = EmulatedSite.start(vertx, Selections.noProbes(), ticker, Duration.ofSeconds(5), INTERNAL);

    // 100-continue: once the client hears the 100, the attempt is under way and its body not yet sent.
    Buffer body = Buffer.buffer("part of a long upload ".repeat(1000));
    Promise<Void> continued = Promise.promise();
    HttpClientRequest upload = Await.on(vertx, () -> site.harness.request(HttpMethod.PUT, TestConfigs.DOMAIN,
        "/big-part.bin").map(req -> {
          req.putHeader("Expect", "100-continue").putHeader("Content-Length", Integer.toString(body.length()));
          req.continueHandler(v -> continued.tryComplete());
          req.sendHead();
          return req;
        }));
    Await.of(continued.future(), 10);
    // The body takes ten minutes to go out.
    ticker.advance(Duration.ofMinutes(10));
    Response put = Await.on(vertx, () -> upload.end(body).compose(v -> upload.response())
        .compose(resp -> resp.body().map(b -> new Response(resp, b))));

    assertThat(put.status()).isEqualTo(200);
    RecordedRequest up = site.emulator.requests().all().stream()
        .filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
    assertThat(up.bodySha256()).isEqualTo(Digests.sha256Hex(body.getBytes()));
    JsonObject internal = site.status().getJsonArray("sites").getJsonObject(0).getJsonArray("upstreams")
        .getJsonObject(0);
    assertThat(internal.getLong("requests")).isEqualTo(1);
    // The fake clock did not move between the body's end and the response head: a zero sample.
    assertThat(internal.getDouble("latencyMs")).isLessThan(1000.0);
  }
}
