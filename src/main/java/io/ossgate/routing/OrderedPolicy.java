package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.util.Comparator;
import java.util.List;

/**
 * The configured order; health only demotes unusable upstreams (failover only). Measurements
 * are ignored, so hysteresis has nothing to do here.
 */
public final class OrderedPolicy implements UpstreamPolicy {

  private static final Comparator<Candidate> BY_GROUP_THEN_INDEX =
      Comparator.comparingInt(Candidate::group).thenComparingInt(Candidate::index);

  @Override
  public List<Upstream> rank(Site site, HealthSnapshot health, RequestHints hints, Stickiness stickiness) {
    List<Candidate> cs = Candidate.of(site, health, hints, Stickiness.NONE, Candidate.DEFAULT_UNKNOWN_LATENCY);
    cs.sort(BY_GROUP_THEN_INDEX);
    return Candidate.upstreams(cs);
  }
}
