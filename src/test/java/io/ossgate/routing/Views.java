package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.health.HealthState;
import io.ossgate.health.UpstreamView;
import io.ossgate.oss.EndpointType;
import io.ossgate.site.Site;
import java.util.ArrayList;
import java.util.List;

/** Builds health snapshots for ranking tables. */
final class Views {

  static final double MB = 1_000_000;

  /** One row: type, state, latency ms (null = unknown), throughput MB/s (null = unknown). */
  record Row(EndpointType type, HealthState state, Double latencyMs, Double mbPerSecond) {}

  static Row row(EndpointType type, Double latencyMs) {
    return new Row(type, HealthState.CLOSED, latencyMs, null);
  }

  static Row row(EndpointType type, Double latencyMs, Double mbPerSecond) {
    return new Row(type, HealthState.CLOSED, latencyMs, mbPerSecond);
  }

  static Row row(EndpointType type, HealthState state, Double latencyMs) {
    return new Row(type, state, latencyMs, null);
  }

  static HealthSnapshot snapshot(Site site, Row... rows) {
    List<UpstreamView> views = new ArrayList<>();
    for (Row r : rows) {
      views.add(new UpstreamView(site.upstream(r.type()).orElseThrow(), r.state(), r.latencyMs(),
          r.mbPerSecond() == null ? null : r.mbPerSecond() * MB, 0, 0, 0, 0, null));
    }
    return new HealthSnapshot(views, 0);
  }

  static List<EndpointType> types(List<io.ossgate.site.Upstream> ranked) {
    return ranked.stream().map(io.ossgate.site.Upstream::type).toList();
  }

  private Views() {}
}
