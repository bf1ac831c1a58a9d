package io.ossgate.selection;

import static io.ossgate.oss.EndpointType.ACCELERATE;
import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.common.Ticker;
import io.ossgate.emulator.Faults;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real latencies (the emulator delays headers), real clock: traffic follows the fastest upstream. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class LatencySelectionTest {

  private EmulatedSite site;

  @AfterEach
  void tearDown() {
    if (site != null) {
      site.close();
    }
  }

  private void latency(EndpointType type, int millis) {
    site.faults(type, Faults.none().withLatency(Duration.ofMillis(millis)));
  }

  private List<String> servedBy(int requests) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      GatewayHarness.Response resp = site.get("/k");
      assertThat(resp.status()).isEqualTo(200);
      types.add(resp.header("X-Ossgate-Endpoint"));
    }
    return types;
  }

  @Test
  void settlesOnTheFastestUpstreamAndMovesWhenItSlowsDown(Vertx vertx) {
    // A short decay: the cold JVM's first probe is a peak that would otherwise linger for ~τ = 10 s.
    site = EmulatedSite.start(vertx, Selections.withDecay(Duration.ofMillis(200)), Ticker.system(), Duration.ofSeconds(5),
        INTERNAL, ACCELERATE, INTERNET);
    site.emulator.store().put(TestConfigs.BUCKET.value(), "k", "hello".getBytes(), "text/plain");
    // Configured order says internal first; measured latency says internet.
    // Wide gaps, so a scheduling hiccup on a loaded 2-core CI machine cannot reorder them.
    latency(INTERNAL, 200);
    latency(ACCELERATE, 100);
    latency(INTERNET, 1);
    site.probeNow();
    servedBy(4); // opens the pooled connections; a first connection is a latency peak of its own
    // Upstreams not chosen are re-measured only by probes (every probe-interval in production).
    site.probeNow();

    List<String> first = servedBy(8);
    // One hiccup may briefly look like a peak; the choice must still be internet.
    assertThat(first.subList(2, 8).stream().filter("internet"::equals).count())
        .as("served by, after a request or two: %s", first).isGreaterThanOrEqualTo(5);

    latency(INTERNET, 400);
    List<String> after = servedBy(8);
    // Traffic leaves internet within a request or two. Where it lands first can vary: the first
    // request over a fresh proxy connection to an upstream is itself a latency peak.
    assertThat(after.subList(3, 8)).as("served by, after internet slowed down: %s", after)
        .doesNotContain("internet");
  }
}
