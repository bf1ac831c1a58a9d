package io.ossgate.health;

import io.ossgate.site.Upstream;
import java.util.List;

/**
 * An immutable view of several upstreams taken at one instant, in registry order. Routing ranks
 * from it, so one ranking never sees half an update.
 */
public final class HealthSnapshot {

  private final List<UpstreamView> views;
  private final long takenAtNanos;

  public HealthSnapshot(List<UpstreamView> views, long takenAtNanos) {
    this.views = List.copyOf(views);
    this.takenAtNanos = takenAtNanos;
  }

  public List<UpstreamView> views() {
    return views;
  }

  /** The view of {@code u}; an unknown, closed view when the snapshot does not cover it. */
  public UpstreamView view(Upstream u) {
    // A snapshot is taken per request and covers one site's few upstreams: a scan beats building a map.
    for (UpstreamView v : views) {
      if (v.upstream() == u || v.upstream().equals(u)) {
        return v;
      }
    }
    return UpstreamView.unknown(u);
  }

  public long takenAtNanos() {
    return takenAtNanos;
  }
}
