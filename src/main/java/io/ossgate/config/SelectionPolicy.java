package io.ossgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code selection.policy}: how a site's upstreams are ranked for each request. */
public enum SelectionPolicy {
  /** Lowest expected time to serve the request. */
  LATENCY,
  /** Cheapest upstream within a tolerance of the fastest (internal < internet < accelerate). */
  COST,
  /** The configured order; failover only. */
  ORDERED;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SelectionPolicy> fromConfigName(String name) {
    return Arrays.stream(values()).filter(p -> p.configName().equalsIgnoreCase(name)).findFirst();
  }
}
