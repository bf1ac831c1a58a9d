package io.ossgate.routing;

import io.ossgate.site.Upstream;
import java.util.Objects;
import java.util.Optional;

/**
 * Hysteresis input to a policy: the current choice's expected time is scaled by
 * {@code 1 − hysteresisPercent/100} before comparing, so a challenger must be faster by more
 * than that share to take over (and, for the cost policy, the band edges get the same margin).
 */
public record Stickiness(Optional<Upstream> incumbent, int hysteresisPercent) {

  public static final Stickiness NONE = new Stickiness(Optional.empty(), 0);

  public Stickiness {
    Objects.requireNonNull(incumbent, "incumbent");
    if (hysteresisPercent < 0 || hysteresisPercent >= 100) {
      throw new IllegalArgumentException("hysteresisPercent: " + hysteresisPercent + " (expected: 0..99)");
    }
  }

  double factorFor(Upstream u) {
    return incumbent.isPresent() && incumbent.get().equals(u) ? 1 - hysteresisPercent / 100.0 : 1;
  }
}
