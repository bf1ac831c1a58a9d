package io.ossgate.config;

import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code sites[]}: custom domains served by one bucket, and the candidate endpoint
 * types in their configured order.
 */
public record SiteSettings(
    String name,
    List<String> domains,
    BucketName bucket,
    RegionId region,
    List<EndpointType> endpoints,
    AuthMode auth,
    PreviewMode preview,
    Optional<SelectionPolicy> policy,
    BrowserSettings browser) {

  public SiteSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(browser, "browser");
    domains = List.copyOf(domains);
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: empty (expected: at least one of " + EndpointType.allConfigNames() + ")");
    }
  }

  /** A site without index/error documents or CORS ({@link BrowserSettings#NONE}). */
  public SiteSettings(String name, List<String> domains, BucketName bucket, RegionId region,
      List<EndpointType> endpoints, AuthMode auth, PreviewMode preview, Optional<SelectionPolicy> policy) {
    this(name, domains, bucket, region, endpoints, auth, preview, policy, BrowserSettings.NONE);
  }

  /** The site with other browser settings. */
  public SiteSettings withBrowser(BrowserSettings newBrowser) {
    return new SiteSettings(name, domains, bucket, region, endpoints, auth, preview, policy, newBrowser);
  }

  /** The policy in force: the site's own, else the global default. */
  public SelectionPolicy effectivePolicy(SelectionSettings defaults) {
    return policy.orElse(defaults.policy());
  }
}
