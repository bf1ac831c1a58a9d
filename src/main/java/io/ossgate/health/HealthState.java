package io.ossgate.health;

/** The availability of one upstream as shown in snapshots and on the admin page. */
public enum HealthState {
  /** Serving client requests. */
  CLOSED,
  /** Breaker open: failures crossed the threshold; waits {@code openFor}, then a probe tests it. */
  OPEN,
  /** A probe is testing the upstream; client requests still go elsewhere. */
  HALF_OPEN,
  /** An OSS code said this endpoint type cannot serve this bucket; out for {@code ineligibleFor}. */
  INELIGIBLE;

  /** True when client requests may be sent (only {@link #CLOSED}). */
  public boolean usable() {
    return this == CLOSED;
  }
}
