package io.ossgate.routing;

import io.ossgate.config.SelectionPolicy;
import io.ossgate.config.SelectionSettings;
import io.ossgate.health.HealthRegistry;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing facade the proxy calls: one {@link Selector} per site, each with the site's
 * effective policy, ranking from a fresh health snapshot of that site. Thread-safe.
 */
public final class Routing {

  private final HealthRegistry health;
  private final Map<String, Selector> selectors;

  public Routing(Collection<Site> sites, HealthRegistry health, SelectionSettings settings) {
    this.health = Objects.requireNonNull(health, "health");
    Map<String, Selector> map = new HashMap<>();
    for (Site site : sites) {
      UpstreamPolicy policy = policyFor(site.settings().effectivePolicy(settings), settings);
      map.put(site.name(), new Selector(site, policy, settings.hysteresisPercent()));
    }
    this.selectors = Map.copyOf(map);
  }

  /** The policy object for a configured policy name. */
  public static UpstreamPolicy policyFor(SelectionPolicy policy, SelectionSettings settings) {
    return switch (policy) {
      case LATENCY -> new LatencyPolicy();
      case COST -> new CostPolicy(settings.costTolerancePercent());
      case ORDERED -> new OrderedPolicy();
    };
  }

  /**
   * Every upstream of the site, best first; usable ones first, then open/half-open, then
   * ineligible (try those only as a last resort).
   */
  public List<Upstream> rank(Site site, RequestHints hints) {
    return selector(site).select(health.snapshot(site), hints);
  }

  /** The site's current choice for small requests (admin "chosen" flag). */
  public Optional<Upstream> currentChoice(Site site) {
    return selector(site).current();
  }

  private Selector selector(Site site) {
    Selector s = selectors.get(site.name());
    if (s == null) {
      throw new IllegalArgumentException("unknown site: " + site.name());
    }
    return s;
  }
}
