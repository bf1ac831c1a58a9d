package io.ossgate.proxy;

import io.ossgate.config.SelectionSettings;
import io.ossgate.health.HealthRegistry;
import io.ossgate.health.ObjectSizeCache;
import io.ossgate.health.RetryBudget;
import io.ossgate.metrics.GatewayMetrics;
import io.ossgate.routing.Routing;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.UpstreamTarget;
import io.ossgate.upstream.RelayMemory;
import io.ossgate.upstream.UpstreamTimeouts;
import java.util.Map;

/**
 * What the proxy shares across event loops: thread-safe, read-mostly collaborators, created once
 * by the composition root.
 */
public record ProxyContext(
    Map<Upstream, UpstreamTarget> targets,
    UpstreamTimeouts timeouts,
    SelectionSettings selection,
    Routing routing,
    HealthRegistry health,
    RetryBudget retryBudget,
    ObjectSizeCache sizes,
    GatewayMetrics metrics,
    Map<String, SitePolicy> policies,
    RelayMemory relayMemory) {

  public ProxyContext {
    targets = Map.copyOf(targets);
    policies = Map.copyOf(policies);
  }

  /** The policy of a site ({@link SitePolicy#NONE} when it has none). */
  public SitePolicy policy(io.ossgate.site.Site site) {
    return policies.getOrDefault(site.name(), SitePolicy.NONE);
  }
}
