package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Lowest expected time first (first-byte estimate + size / throughput; see {@link Candidate});
 * ties go to the configured order.
 */
public final class LatencyPolicy implements UpstreamPolicy {

  private final Duration unknownLatency;

  public LatencyPolicy() {
    this(Candidate.DEFAULT_UNKNOWN_LATENCY);
  }

  public LatencyPolicy(Duration unknownLatency) {
    this.unknownLatency = Objects.requireNonNull(unknownLatency, "unknownLatency");
  }

  @Override
  public List<Upstream> rank(Site site, HealthSnapshot health, RequestHints hints, Stickiness stickiness) {
    List<Candidate> cs = Candidate.of(site, health, hints, stickiness, unknownLatency);
    cs.sort(Candidate.BY_GROUP_THEN_TIME);
    return Candidate.upstreams(cs);
  }
}
