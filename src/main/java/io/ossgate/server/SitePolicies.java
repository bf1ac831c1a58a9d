package io.ossgate.server;

import io.ossgate.config.GatewayConfig;
import io.ossgate.proxy.SitePolicy;
import io.ossgate.proxy.browser.BrowserPolicies;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each site's {@link SitePolicy} from its settings, in the order they apply: transport
 * rules (HTTPS redirect), browser rules (CORS, preview, index documents), then authentication.
 */
final class SitePolicies {
  private SitePolicies() {}

  static Map<String, SitePolicy> of(GatewayConfig config, SiteRegistry sites) {
    Map<String, SitePolicy> policies = new HashMap<>();
    for (Site site : sites.sites()) {
      List<SitePolicy> chain = new ArrayList<>();
      // Policies are added here as sites gain settings for them (issue #4: auth, preview, CORS, TLS).
      chain.addAll(BrowserPolicies.of(site.settings()));
      policies.put(site.name(), SitePolicy.compose(chain));
    }
    return policies;
  }
}
