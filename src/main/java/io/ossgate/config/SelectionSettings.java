package io.ossgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code selection.*}: how upstreams are measured and ranked. Every site inherits these; a site
 * may override {@code policy}.
 *
 * @param policy default ranking policy
 * @param decay Peak-EWMA time constant τ: how fast a latency peak is forgotten ({@code decay: 10s})
 * @param hysteresisPercent a challenger must be this much faster than the current choice to take
 *     over ({@code hysteresis: 10%})
 * @param costTolerancePercent cost policy: the cheapest upstream within this much of the fastest
 *     expected time wins ({@code cost-tolerance: 25%})
 * @param probeInterval active probe period per upstream ({@code probe-interval: 5s}); zero disables
 * @param probeTimeout a probe slower than this counts as failed ({@code probe-timeout: 2s})
 * @param breaker circuit breaker thresholds ({@code selection.breaker.*})
 * @param retryBudgetPercent retries allowed as a share of recent requests ({@code retry-budget: 20%})
 * @param replayBufferBytes an upload body up to this size is kept so it can be resent to another
 *     upstream ({@code replay-buffer: 1MiB}); larger bodies are not retried after being sent
 * @param resumeAttempts how many times a broken download may be resumed ({@code resume-attempts: 3})
 */
public record SelectionSettings(
    SelectionPolicy policy,
    Duration decay,
    int hysteresisPercent,
    int costTolerancePercent,
    Duration probeInterval,
    Duration probeTimeout,
    BreakerSettings breaker,
    int retryBudgetPercent,
    long replayBufferBytes,
    int resumeAttempts) {

  public static SelectionSettings defaults() {
    return new SelectionSettings(SelectionPolicy.LATENCY, Duration.ofSeconds(10), 10, 25,
        Duration.ofSeconds(5), Duration.ofSeconds(2), BreakerSettings.defaults(), 20,
        1024 * 1024, 3);
  }

  public SelectionSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(decay, "decay");
    Objects.requireNonNull(probeInterval, "probeInterval");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    Objects.requireNonNull(breaker, "breaker");
    if (decay.isNegative() || decay.isZero()) {
      throw new IllegalArgumentException("decay: " + decay + " (expected: > 0)");
    }
    if (probeInterval.isNegative()) {
      throw new IllegalArgumentException("probeInterval: " + probeInterval + " (expected: >= 0)");
    }
    if (probeTimeout.isNegative() || probeTimeout.isZero()) {
      throw new IllegalArgumentException("probeTimeout: " + probeTimeout + " (expected: > 0)");
    }
    percent(hysteresisPercent, "hysteresis");
    percent(costTolerancePercent, "costTolerance");
    percent(retryBudgetPercent, "retryBudget");
    if (replayBufferBytes < 0) {
      throw new IllegalArgumentException("replayBuffer: " + replayBufferBytes + " (expected: >= 0)");
    }
    if (resumeAttempts < 0 || resumeAttempts > 10) {
      throw new IllegalArgumentException("resumeAttempts: " + resumeAttempts + " (expected: 0..10)");
    }
  }

  private static void percent(int value, String name) {
    if (value < 0 || value > 1000) {
      throw new IllegalArgumentException(name + ": " + value + "% (expected: 0%..1000%)");
    }
  }

  /**
   * {@code selection.breaker.*}.
   *
   * @param failureRatePercent failure rate over the window that opens the breaker
   * @param minimumCalls calls needed in the window before the rate counts
   * @param windowSize calls in the count-based sliding window
   * @param openFor how long an open breaker rejects before a probe may try half-open
   * @param ineligibleFor how long an upstream is out after an OSS code that says this endpoint
   *     type cannot serve this bucket (PublicEndpointForbidden, acceleration not enabled, ...)
   */
  public record BreakerSettings(int failureRatePercent, int minimumCalls, int windowSize,
      Duration openFor, Duration ineligibleFor) {

    public static BreakerSettings defaults() {
      return new BreakerSettings(50, 5, 20, Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    public BreakerSettings {
      Objects.requireNonNull(openFor, "openFor");
      Objects.requireNonNull(ineligibleFor, "ineligibleFor");
      if (failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("failureRate: " + failureRatePercent + "% (expected: 1%..100%)");
      }
      if (minimumCalls < 1) {
        throw new IllegalArgumentException("minimumCalls: " + minimumCalls + " (expected: >= 1)");
      }
      if (windowSize < minimumCalls) {
        throw new IllegalArgumentException("window: " + windowSize + " (expected: >= minimumCalls " + minimumCalls + ")");
      }
      if (openFor.isNegative() || openFor.isZero()) {
        throw new IllegalArgumentException("openFor: " + openFor + " (expected: > 0)");
      }
      if (ineligibleFor.isNegative() || ineligibleFor.isZero()) {
        throw new IllegalArgumentException("ineligibleFor: " + ineligibleFor + " (expected: > 0)");
      }
    }
  }
}
