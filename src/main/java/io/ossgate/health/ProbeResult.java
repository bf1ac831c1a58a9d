package io.ossgate.health;

import io.ossgate.site.Upstream;
import java.time.Duration;

/**
 * The outcome of one probe, for logs and tests.
 *
 * @param elapsed probe time to headers (zero when skipped)
 * @param stateAfter the upstream's state once the probe was recorded
 */
public record ProbeResult(Upstream upstream, Verdict verdict, Duration elapsed, HealthState stateAfter) {

  /** What the probe concluded. */
  public enum Verdict {
    /** OSS answered (any status but 5xx/429): the path works. */
    HEALTHY,
    /** Transport failure, timeout, 5xx/429, or an answer that is not from OSS. */
    FAILED,
    /** OSS said this endpoint type cannot serve the bucket. */
    INELIGIBLE,
    /** Not sent: another probe holds the half-open permit. */
    SKIPPED
  }
}
