package io.ossgate.proxy.browser;

import io.ossgate.config.BrowserSettings;
import io.ossgate.config.PreviewMode;
import io.ossgate.config.SiteSettings;
import io.ossgate.proxy.SitePolicy;
import java.util.ArrayList;
import java.util.List;

/** Builds a site's browser policies from its settings; empty when it has none. */
public final class BrowserPolicies {

  private BrowserPolicies() {}

  /**
   * In the order they apply: CORS (answers preflights before anything else is decided), the
   * static-website documents (rewrite the path before any signing policy signs it), inline preview.
   */
  public static List<SitePolicy> of(SiteSettings site) {
    List<SitePolicy> policies = new ArrayList<>();
    BrowserSettings browser = site.browser();
    browser.cors().ifPresent(cors -> policies.add(new CorsPolicy(cors)));
    if (browser.indexDocument().isPresent() || browser.errorDocument().isPresent()) {
      policies.add(new WebsitePolicy(browser.indexDocument(), browser.errorDocument()));
    }
    if (site.preview() == PreviewMode.INLINE) {
      policies.add(new PreviewPolicy());
    }
    return policies;
  }
}
