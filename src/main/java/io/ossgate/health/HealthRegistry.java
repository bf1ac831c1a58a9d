package io.ossgate.health;

import io.ossgate.common.Ticker;
import io.ossgate.config.SelectionSettings;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link UpstreamHealth} per configured upstream, built once from the sites. Immutable map,
 * thread-safe entries.
 *
 * <p>Snapshots are built on demand rather than cached: a site's snapshot reads a handful of
 * atomics per upstream (2–5 upstreams) and allocates as many small records, which is cheaper
 * than keeping a cache coherent with every request outcome.
 */
public final class HealthRegistry {

  private final Map<Upstream, UpstreamHealth> byUpstream;
  private final Ticker ticker;

  public HealthRegistry(Collection<Site> sites, SelectionSettings settings, Ticker ticker) {
    this(sites, settings, HealthTuning.defaults(), ticker);
  }

  public HealthRegistry(Collection<Site> sites, SelectionSettings settings, HealthTuning tuning, Ticker ticker) {
    Objects.requireNonNull(settings, "settings");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    Map<Upstream, UpstreamHealth> map = new LinkedHashMap<>();
    for (Site site : sites) {
      for (Upstream u : site.upstreams()) {
        map.putIfAbsent(u, new UpstreamHealth(u, settings, tuning, ticker));
      }
    }
    this.byUpstream = java.util.Collections.unmodifiableMap(map);
  }

  /** The health of a configured upstream; throws for an upstream the registry was not built with. */
  public UpstreamHealth health(Upstream u) {
    UpstreamHealth h = byUpstream.get(u);
    if (h == null) {
      throw new IllegalArgumentException("unknown upstream: " + u);
    }
    return h;
  }

  /** Shortcut for {@code health(u).begin()}. */
  public AttemptTicket begin(Upstream u) {
    return health(u).begin();
  }

  public Collection<UpstreamHealth> all() {
    return byUpstream.values();
  }

  /** Every upstream, in configuration order (admin page). */
  public HealthSnapshot snapshot() {
    List<UpstreamView> views = new ArrayList<>(byUpstream.size());
    for (UpstreamHealth h : byUpstream.values()) {
      views.add(h.view());
    }
    return new HealthSnapshot(views, ticker.nanos());
  }

  /** One site's upstreams (per request). */
  public HealthSnapshot snapshot(Site site) {
    List<UpstreamView> views = new ArrayList<>(site.upstreams().size());
    for (Upstream u : site.upstreams()) {
      UpstreamHealth h = byUpstream.get(u);
      views.add(h != null ? h.view() : UpstreamView.unknown(u));
    }
    return new HealthSnapshot(views, ticker.nanos());
  }
}
