package io.ossgate.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When to refresh expiring credentials and how long to wait after a failed fetch.
 *
 * @param minRemaining refresh once less than this remains (CRJ uses 15 minutes)
 * @param remainingFraction ... or once less than this fraction of the lifetime remains (0..1)
 * @param minBackoff wait after the first failure; doubled per further failure
 * @param maxBackoff the cap of that wait
 */
public record RefreshPolicy(Duration minRemaining, double remainingFraction, Duration minBackoff,
    Duration maxBackoff) {

  public static final RefreshPolicy DEFAULT =
      new RefreshPolicy(Duration.ofMinutes(15), 0.2, Duration.ofSeconds(1), Duration.ofMinutes(2));

  public RefreshPolicy {
    Objects.requireNonNull(minRemaining, "minRemaining");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (!(remainingFraction >= 0 && remainingFraction < 1)) {
      throw new IllegalArgumentException("remainingFraction: " + remainingFraction + " (expected: 0..<1)");
    }
    if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("backoff: " + minBackoff + ".." + maxBackoff
          + " (expected: 0 <= minBackoff <= maxBackoff)");
    }
  }

  /** True when credentials fetched at {@code fetchedAt} and expiring at {@code expiration} are due. */
  boolean refreshDue(Instant fetchedAt, Instant expiration, Instant now) {
    Duration remaining = Duration.between(now, expiration);
    Duration lifetime = Duration.between(fetchedAt, expiration);
    return remaining.compareTo(minRemaining) < 0
        || remaining.toMillis() < lifetime.toMillis() * remainingFraction;
  }

  /** The wait after {@code failures} (>= 1) consecutive failures. */
  Duration backoff(int failures) {
    Duration d = minBackoff;
    for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
