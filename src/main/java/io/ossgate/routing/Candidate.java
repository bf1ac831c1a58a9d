package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.health.HealthState;
import io.ossgate.health.UpstreamView;
import io.ossgate.oss.EndpointType;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An upstream with what the policies compare: availability group, expected time, cost class and
 * configured position.
 *
 * <p>Expected time = first-byte estimate + size / throughput when the size is known. Unknowns:
 * <ul>
 *   <li>No latency sample yet: {@code unknownLatency} (1 s by default, like tower's Peak EWMA).
 *       An unmeasured upstream is thus used only when the measured ones are slower than that;
 *       probes normally measure every upstream within one probe interval, and when nothing is
 *       measured (startup) all tie and the tie-break (configured order, or cost) decides.
 *   <li>No throughput yet: the best throughput known among the site's upstreams is assumed, so
 *       the comparison falls back to first-byte time instead of punishing or favouring the
 *       unmeasured one by a whole transfer time. When none is known the size term is dropped.
 * </ul>
 */
record Candidate(Upstream upstream, int group, double expectedNanos, int costClass, int index) {

  /** Default assumed time to headers for a never-measured upstream. */
  static final Duration DEFAULT_UNKNOWN_LATENCY = Duration.ofSeconds(1);

  static final Comparator<Candidate> BY_TIME = Comparator
      .comparingDouble(Candidate::expectedNanos)
      .thenComparingInt(Candidate::index);

  static final Comparator<Candidate> BY_GROUP_THEN_TIME = Comparator
      .comparingInt(Candidate::group)
      .thenComparing(BY_TIME);

  boolean usable() {
    return group == 0;
  }

  /** The site's upstreams as candidates, in configured order, in a list the caller may sort. */
  static List<Candidate> of(Site site, HealthSnapshot health, RequestHints hints,
      Stickiness stickiness, Duration unknownLatency) {
    List<Upstream> ups = site.upstreams();
    double bestThroughput = Double.NaN;
    for (Upstream u : ups) {
      Double t = health.view(u).throughputBytesPerSecond();
      if (t != null && t > 0 && (Double.isNaN(bestThroughput) || t > bestThroughput)) {
        bestThroughput = t;
      }
    }
    List<Candidate> out = new ArrayList<>(ups.size());
    for (int i = 0; i < ups.size(); i++) {
      Upstream u = ups.get(i);
      UpstreamView v = health.view(u);
      double ttfb = v.latencyMs() != null ? v.latencyMs() * 1e6 : unknownLatency.toNanos();
      double transfer = 0;
      if (hints.expectedBytes().isPresent()) {
        Double t = v.throughputBytesPerSecond();
        double rate = t != null && t > 0 ? t : bestThroughput;
        if (!Double.isNaN(rate)) {
          transfer = hints.expectedBytes().getAsLong() * 1e9 / rate;
        }
      }
      double expected = (ttfb + transfer) * stickiness.factorFor(u);
      out.add(new Candidate(u, groupOf(v.state()), expected, costClassOf(u.type()), i));
    }
    return out;
  }

  static int groupOf(HealthState state) {
    return switch (state) {
      case CLOSED -> 0;
      case OPEN, HALF_OPEN -> 1;   // transient: may recover soon
      case INELIGIBLE -> 2;        // cannot serve this bucket: truly last
    };
  }

  /** internal (free) < internet, dual-stack < accelerate (billed on top of internet traffic). */
  static int costClassOf(EndpointType type) {
    return switch (type) {
      case INTERNAL -> 0;
      case INTERNET, DUALSTACK -> 1;
      case ACCELERATE, ACCELERATE_OVERSEAS -> 2;
    };
  }

  /** The candidates' upstreams, in order. A loop, not a stream: it runs for every request. */
  static List<Upstream> upstreams(List<Candidate> cs) {
    Upstream[] out = new Upstream[cs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = cs.get(i).upstream();
    }
    return List.of(out);
  }
}
