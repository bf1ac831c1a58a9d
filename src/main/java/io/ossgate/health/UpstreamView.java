package io.ossgate.health;

import io.ossgate.oss.EndpointType;
import io.ossgate.site.Upstream;
import java.util.Objects;

/**
 * An immutable view of one upstream's health at one instant (admin {@code /status}, routing).
 *
 * @param latencyMs Peak-EWMA time to response headers in ms; null while never measured
 * @param throughputBytesPerSecond body throughput; null while no large body has been seen
 * @param requests attempts that reached the wire (headers or a transport failure)
 * @param failures 5xx/429 responses, transport failures and upstream-cut bodies
 * @param bytes response body bytes relayed
 * @param ineligibleCode the OSS code behind {@link HealthState#INELIGIBLE}, else null
 */
public record UpstreamView(Upstream upstream, HealthState state, Double latencyMs,
    Double throughputBytesPerSecond, int inFlight, long requests, long failures, long bytes,
    String ineligibleCode) {

  public UpstreamView {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(state, "state");
  }

  /** A never-measured, closed upstream (what routing assumes for an upstream it has no view of). */
  public static UpstreamView unknown(Upstream upstream) {
    return new UpstreamView(upstream, HealthState.CLOSED, null, null, 0, 0, 0, 0, null);
  }

  public EndpointType type() {
    return upstream.type();
  }

  public String host() {
    return upstream.host();
  }

  public boolean usable() {
    return state.usable();
  }
}
