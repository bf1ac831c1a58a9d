package io.ossgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The gateway's meters, named once here. Per-endpoint-type traffic is what operators need to see
 * what acceleration costs. Thread-safe.
 *
 * <p>Every request records here, so the hot path allocates nothing: meters are cached in maps
 * nested by tag value (site, then endpoint, then result), whose keys are the caller's own strings
 * with their hash codes already cached, and no key string is ever built.
 */
public final class GatewayMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, ConcurrentMap<String, RequestMeters>> requests = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>> attempts =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>> resumes =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>> resends =
      new ConcurrentHashMap<>();

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A client request finished: {@code endpoint} is the type that served it, or "none". */
  public void request(String site, String endpoint, int status, long responseBytes, long nanos) {
    ConcurrentMap<String, RequestMeters> bySite = requests.get(site);
    if (bySite == null) {
      bySite = requests.computeIfAbsent(site, s -> new ConcurrentHashMap<>());
    }
    RequestMeters meters = bySite.get(endpoint);
    if (meters == null) {
      meters = bySite.computeIfAbsent(endpoint, e -> new RequestMeters(registry, site, e));
    }
    meters.byStatusClass(status).increment();
    if (responseBytes > 0) {
      meters.responseBytes.increment(responseBytes);
    }
    meters.duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One upstream attempt ended with {@code result} (success, failure, ineligible, neutral, connect, reset, timeout, skipped). */
  public void attempt(String site, String endpoint, String result) {
    counter(attempts, site, endpoint, result, r -> Counter.builder("ossgate_upstream_attempts")
        .description("Upstream attempts by result")
        .tags("site", site, "endpoint", endpoint, "result", r)
        .register(registry)).increment();
  }

  /**
   * A request went out again to the same upstream on a new connection (reason: dropped-connection,
   * the pooled one was closed before it answered). A steady rate means the upstream closes idle
   * connections sooner than the gateway's pool expects.
   */
  public void resend(String site, String endpoint, String reason) {
    counter(resends, site, endpoint, reason, r -> Counter.builder("ossgate_upstream_resends")
        .description("Requests sent again on a new connection to the same upstream, by reason")
        .tags("site", site, "endpoint", endpoint, "reason", r)
        .register(registry)).increment();
  }

  /** A broken download was resumed (result: spliced, changed, failed). */
  public void resume(String site, String endpoint, String result) {
    counter(resumes, site, endpoint, result, r -> Counter.builder("ossgate_resumes")
        .description("Mid-stream download resumptions")
        .tags("site", site, "endpoint", endpoint, "result", r)
        .register(registry)).increment();
  }

  private static Counter counter(ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, Counter>>> cache,
      String site, String endpoint, String result, Function<String, Counter> create) {
    // get() before computeIfAbsent(): after warm-up every lookup hits, and a hit needs no lambda.
    ConcurrentMap<String, ConcurrentMap<String, Counter>> bySite = cache.get(site);
    if (bySite == null) {
      bySite = cache.computeIfAbsent(site, s -> new ConcurrentHashMap<>());
    }
    ConcurrentMap<String, Counter> byEndpoint = bySite.get(endpoint);
    if (byEndpoint == null) {
      byEndpoint = bySite.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>());
    }
    Counter counter = byEndpoint.get(result);
    return counter != null ? counter : byEndpoint.computeIfAbsent(result, create);
  }

  /** Milliseconds as a double, for gauges. */
  public static double millis(long nanos) {
    return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }

  /** The meters of one (site, endpoint) pair: request counters per status class, bytes, duration. */
  private static final class RequestMeters {
    private final MeterRegistry registry;
    private final String site;
    private final String endpoint;
    /** Index = status / 100 (0–9); created on first use. */
    private final AtomicReferenceArray<Counter> byStatusClass = new AtomicReferenceArray<>(10);
    private final Counter responseBytes;
    private final Timer duration;

    RequestMeters(MeterRegistry registry, String site, String endpoint) {
      this.registry = registry;
      this.site = site;
      this.endpoint = endpoint;
      this.responseBytes = Counter.builder("ossgate_response_bytes")
          .description("Response body bytes relayed to clients")
          .tags("site", site, "endpoint", endpoint)
          .register(registry);
      this.duration = Timer.builder("ossgate_request_duration")
          .description("Time from request received to response finished")
          .tags("site", site, "endpoint", endpoint)
          .publishPercentileHistogram(false)
          .register(registry);
    }

    Counter byStatusClass(int status) {
      int index = Math.floorMod(status / 100, 10);
      Counter counter = byStatusClass.get(index);
      if (counter == null) {
        // Racing threads register the same meter: Micrometer returns one instance per id.
        counter = Counter.builder("ossgate_requests")
            .description("Client requests by site, serving endpoint type and status class")
            .tags("site", site, "endpoint", endpoint, "status", index + "xx")
            .register(registry);
        byStatusClass.set(index, counter);
      }
      return counter;
    }
  }
}
