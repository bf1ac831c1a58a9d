package io.ossgate.health;

import io.ossgate.site.Upstream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of several upstreams taken at one instant, in registry order. Routing ranks
 * from it, so one ranking never sees half an update.
 */
public final class HealthSnapshot {

  private final List<UpstreamView> views;
  private final Map<Upstream, UpstreamView> byUpstream;
  private final long takenAtNanos;

  public HealthSnapshot(List<UpstreamView> views, long takenAtNanos) {
    this.views = List.copyOf(views);
    Map<Upstream, UpstreamView> map = new HashMap<>();
    for (UpstreamView v : this.views) {
      map.put(v.upstream(), v);
    }
    this.byUpstream = Map.copyOf(map);
    this.takenAtNanos = takenAtNanos;
  }

  public List<UpstreamView> views() {
    return views;
  }

  /** The view of {@code u}; an unknown, closed view when the snapshot does not cover it. */
  public UpstreamView view(Upstream u) {
    UpstreamView v = byUpstream.get(u);
    return v != null ? v : UpstreamView.unknown(u);
  }

  public long takenAtNanos() {
    return takenAtNanos;
  }
}
