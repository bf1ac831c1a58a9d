package io.ossgate.health;

import java.time.Duration;
import java.util.Objects;

/**
 * Internal knobs of health tracking that are not (yet) in the configuration file.
 *
 * @param failurePenalty latency sample recorded for a failed attempt or probe when the measured
 *     time is lower: a fast 503 or reset must not make an upstream look fast (Linkerd's load
 *     biaser uses 5 s, peers §1.4)
 * @param throughputMinBytes smallest body that feeds the throughput estimate
 */
public record HealthTuning(Duration failurePenalty, long throughputMinBytes) {

  public static HealthTuning defaults() {
    return new HealthTuning(Duration.ofSeconds(5), 256 * 1024);
  }

  public HealthTuning {
    Objects.requireNonNull(failurePenalty, "failurePenalty");
    if (failurePenalty.isNegative()) {
      throw new IllegalArgumentException("failurePenalty: " + failurePenalty + " (expected: >= 0)");
    }
    if (throughputMinBytes < 1) {
      throw new IllegalArgumentException("throughputMinBytes: " + throughputMinBytes + " (expected: >= 1)");
    }
  }
}
