package io.ossgate.selection;

import io.ossgate.config.SelectionPolicy;
import io.ossgate.config.SelectionSettings;
import io.ossgate.config.SelectionSettings.BreakerSettings;
import java.time.Duration;

/** Selection settings for tests: probes only when the test asks, small breaker windows. */
final class Selections {
  private Selections() {}

  static SelectionSettings probesOnDemand() {
    return of(Duration.ofHours(1));
  }

  static SelectionSettings noProbes() {
    return of(Duration.ZERO);
  }

  static SelectionSettings withDecay(Duration decay) {
    return of(Duration.ofHours(1), decay);
  }

  private static SelectionSettings of(Duration probeInterval) {
    return of(probeInterval, Duration.ofSeconds(10));
  }

  private static SelectionSettings of(Duration probeInterval, Duration decay) {
    return new SelectionSettings(SelectionPolicy.LATENCY, decay, 10, 25, probeInterval,
        Duration.ofSeconds(2), new BreakerSettings(50, 2, 4, Duration.ofSeconds(10), Duration.ofMinutes(10)),
        100, 1024 * 1024, 3);
  }
}
