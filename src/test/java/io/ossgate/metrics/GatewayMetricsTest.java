package io.ossgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);

  @Test
  void requestsAreCountedPerSiteEndpointAndStatusClass() {
    metrics.request("site-a", "internal", 200, 100, TimeUnit.MILLISECONDS.toNanos(3));
    metrics.request("site-a", "internal", 206, 50, TimeUnit.MILLISECONDS.toNanos(5));
    metrics.request("site-a", "internal", 404, 0, 1);
    metrics.request("site-a", "accelerate", 200, 7, 1);
    metrics.request("site-b", "internal", 502, 0, 1);

    assertThat(count("ossgate_requests", "site", "site-a", "endpoint", "internal", "status", "2xx")).isEqualTo(2);
    assertThat(count("ossgate_requests", "site", "site-a", "endpoint", "internal", "status", "4xx")).isEqualTo(1);
    assertThat(count("ossgate_requests", "site", "site-a", "endpoint", "accelerate", "status", "2xx")).isEqualTo(1);
    assertThat(count("ossgate_requests", "site", "site-b", "endpoint", "internal", "status", "5xx")).isEqualTo(1);
    assertThat(registry.get("ossgate_response_bytes").tags("site", "site-a", "endpoint", "internal").counter().count())
        .isEqualTo(150);
    var duration = registry.get("ossgate_request_duration").tags("site", "site-a", "endpoint", "internal").timer();
    assertThat(duration.count()).isEqualTo(3);
    assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(8) + 1);
  }

  @Test
  void attemptsAndResumesAreCountedPerResult() {
    metrics.attempt("site-a", "internal", "success");
    metrics.attempt("site-a", "internal", "success");
    metrics.attempt("site-a", "internal", "reset");
    metrics.attempt("site-a", "internet", "success");
    metrics.resume("site-a", "accelerate", "spliced");

    assertThat(count("ossgate_upstream_attempts", "site", "site-a", "endpoint", "internal", "result", "success")).isEqualTo(2);
    assertThat(count("ossgate_upstream_attempts", "site", "site-a", "endpoint", "internal", "result", "reset")).isEqualTo(1);
    assertThat(count("ossgate_upstream_attempts", "site", "site-a", "endpoint", "internet", "result", "success")).isEqualTo(1);
    assertThat(count("ossgate_resumes", "site", "site-a", "endpoint", "accelerate", "result", "spliced")).isEqualTo(1);
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }
}
