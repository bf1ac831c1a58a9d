package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Cheapest first among the usable upstreams whose expected time is within
 * {@code costTolerancePercent} of the fastest usable one (internal < internet/dual-stack <
 * accelerate); then the remaining usable ones by time; then the unusable groups by time.
 */
public final class CostPolicy implements UpstreamPolicy {

  private static final Comparator<Candidate> BY_COST_THEN_TIME =
      Comparator.comparingInt(Candidate::costClass).thenComparing(Candidate.BY_TIME);

  private final int tolerancePercent;
  private final Duration unknownLatency;

  public CostPolicy(int tolerancePercent) {
    this(tolerancePercent, Candidate.DEFAULT_UNKNOWN_LATENCY);
  }

  public CostPolicy(int tolerancePercent, Duration unknownLatency) {
    if (tolerancePercent < 0) {
      throw new IllegalArgumentException("tolerancePercent: " + tolerancePercent + " (expected: >= 0)");
    }
    this.tolerancePercent = tolerancePercent;
    this.unknownLatency = Objects.requireNonNull(unknownLatency, "unknownLatency");
  }

  @Override
  public List<Upstream> rank(Site site, HealthSnapshot health, RequestHints hints, Stickiness stickiness) {
    List<Candidate> cs = Candidate.of(site, health, hints, stickiness, unknownLatency);
    double fastest = Double.NaN;
    for (Candidate c : cs) {
      if (c.usable() && (Double.isNaN(fastest) || c.expectedNanos() < fastest)) {
        fastest = c.expectedNanos();
      }
    }
    double limit = fastest * (1 + tolerancePercent / 100.0);
    List<Candidate> inBand = new ArrayList<>();
    List<Candidate> rest = new ArrayList<>();
    for (Candidate c : cs) {
      (c.usable() && c.expectedNanos() <= limit ? inBand : rest).add(c);
    }
    inBand.sort(BY_COST_THEN_TIME);
    rest.sort(Candidate.BY_GROUP_THEN_TIME);
    List<Candidate> ordered = new ArrayList<>(inBand);
    ordered.addAll(rest);
    return Candidate.upstreams(ordered);
  }
}
