package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.util.List;

/**
 * Ranks a site's upstreams, best first. Pure: same inputs, same order; no I/O, no clock.
 *
 * <p>Every policy returns every upstream of the site. Usable ones ({@code CLOSED}) come first in
 * policy order; then OPEN/HALF_OPEN ones, then INELIGIBLE ones, each group in the policy's score
 * order — so when nothing is usable the caller still has an order to try last-resort attempts in.
 */
public interface UpstreamPolicy {

  List<Upstream> rank(Site site, HealthSnapshot health, RequestHints hints, Stickiness stickiness);

  default List<Upstream> rank(Site site, HealthSnapshot health, RequestHints hints) {
    return rank(site, health, hints, Stickiness.NONE);
  }
}
