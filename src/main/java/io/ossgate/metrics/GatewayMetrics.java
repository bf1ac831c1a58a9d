package io.ossgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters, named once here. Per-endpoint-type traffic is what operators need to see
 * what acceleration costs. Thread-safe; meters are cached so the hot path does one map lookup.
 */
public final class GatewayMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A client request finished: {@code endpoint} is the type that served it, or "none". */
  public void request(String site, String endpoint, int status, long responseBytes, long nanos) {
    String statusClass = (status / 100) + "xx";
    counter("ossgate_requests", "Client requests by site, serving endpoint type and status class",
        "site", site, "endpoint", endpoint, "status", statusClass).increment();
    if (responseBytes > 0) {
      counter("ossgate_response_bytes", "Response body bytes relayed to clients",
          "site", site, "endpoint", endpoint).increment(responseBytes);
    }
    timers.computeIfAbsent(site + '\0' + endpoint, k -> Timer.builder("ossgate_request_duration")
            .description("Time from request received to response finished")
            .tags("site", site, "endpoint", endpoint)
            .publishPercentileHistogram(false)
            .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  /** One upstream attempt ended with {@code result} (success, failure, ineligible, neutral, connect, reset, timeout, skipped). */
  public void attempt(String site, String endpoint, String result) {
    counter("ossgate_upstream_attempts", "Upstream attempts by result",
        "site", site, "endpoint", endpoint, "result", result).increment();
  }

  /** A broken download was resumed (result: spliced, changed, failed). */
  public void resume(String site, String endpoint, String result) {
    counter("ossgate_resumes", "Mid-stream download resumptions", "site", site, "endpoint", endpoint,
        "result", result).increment();
  }

  private Counter counter(String name, String help, String... tags) {
    String key = name + '\0' + String.join("\0", tags);
    return counters.computeIfAbsent(key, k -> Counter.builder(name).description(help).tags(tags).register(registry));
  }

  /** Milliseconds as a double, for gauges. */
  public static double millis(long nanos) {
    return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
