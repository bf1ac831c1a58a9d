package io.ossgate.server;

import io.ossgate.config.GatewayConfig;
import io.ossgate.proxy.HttpsRedirect;
import io.ossgate.proxy.SitePolicy;
import io.ossgate.proxy.browser.BrowserPolicies;
import io.ossgate.signing.CredentialsProvider;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Builds each site's {@link SitePolicy} from its settings, in the order they apply: transport
 * rules (HTTPS redirect), browser rules (CORS, preview, index documents), then authentication.
 */
final class SitePolicies {
  private SitePolicies() {}

  /** With the configured HTTPS port for redirects and no gateway credentials. */
  static Map<String, SitePolicy> of(GatewayConfig config, SiteRegistry sites) {
    int configured = config.server().https().map(h -> h.listen().port()).orElse(443);
    return of(config, sites, () -> configured, Optional.empty());
  }

  /**
   * @param httpsPort the HTTPS listener's port as bound, for redirects (read per request)
   * @param credentials the gateway's own credentials; required when a site has {@code auth: sign}
   */
  static Map<String, SitePolicy> of(GatewayConfig config, SiteRegistry sites, IntSupplier httpsPort,
      Optional<CredentialsProvider> credentials) {
    Map<String, SitePolicy> policies = new HashMap<>();
    for (Site site : sites.sites()) {
      List<SitePolicy> chain = new ArrayList<>();
      if (site.settings().httpsRedirect()) {
        chain.add(new HttpsRedirect(httpsPort));
      }
      chain.addAll(BrowserPolicies.of(site.settings()));
      chain.addAll(AuthPolicies.forSite(site, credentials)); // authentication last
      policies.put(site.name(), SitePolicy.compose(chain));
    }
    return policies;
  }
}
