package io.ossgate.config;

import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code sites[]}: custom domains served by one bucket, and the candidate endpoint
 * types in their configured order. {@code httpsRedirect}: plain-HTTP requests get a redirect to
 * the HTTPS listener instead of being proxied.
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
    boolean httpsRedirect,
    SiteAccess access,
    BrowserSettings browser) {

  public SiteSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(browser, "browser");
    domains = List.copyOf(domains);
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: empty (expected: at least one of " + EndpointType.allConfigNames() + ")");
    }
  }

  /**
   * A site with the defaults for everything after {@code policy}: no HTTPS redirect, the default
   * {@link SiteAccess} for {@code auth}, and no browser rules ({@link BrowserSettings#NONE}).
   */
  public SiteSettings(String name, List<String> domains, BucketName bucket, RegionId region,
      List<EndpointType> endpoints, AuthMode auth, PreviewMode preview, Optional<SelectionPolicy> policy) {
    this(name, domains, bucket, region, endpoints, auth, preview, policy, false, SiteAccess.defaults(auth),
        BrowserSettings.NONE);
  }

  /** A copy with another redirect rule. */
  public SiteSettings withHttpsRedirect(boolean redirect) {
    return new SiteSettings(name, domains, bucket, region, endpoints, auth, preview, policy, redirect, access, browser);
  }

  /** A copy with other access rules. */
  public SiteSettings withAccess(SiteAccess newAccess) {
    return new SiteSettings(name, domains, bucket, region, endpoints, auth, preview, policy, httpsRedirect, newAccess,
        browser);
  }

  /** A copy with another auth mode (and that mode's default access rules). */
  public SiteSettings withAuth(AuthMode newAuth) {
    return new SiteSettings(name, domains, bucket, region, endpoints, newAuth, preview, policy, httpsRedirect,
        SiteAccess.defaults(newAuth), browser);
  }

  /** A copy with other browser settings. */
  public SiteSettings withBrowser(BrowserSettings newBrowser) {
    return new SiteSettings(name, domains, bucket, region, endpoints, auth, preview, policy, httpsRedirect, access,
        newBrowser);
  }

  /** A copy with another preview mode. */
  public SiteSettings withPreview(PreviewMode newPreview) {
    return new SiteSettings(name, domains, bucket, region, endpoints, auth, newPreview, policy, httpsRedirect, access,
        browser);
  }

  /** A copy with its own selection policy. */
  public SiteSettings withPolicy(SelectionPolicy newPolicy) {
    return new SiteSettings(name, domains, bucket, region, endpoints, auth, preview, Optional.of(newPolicy),
        httpsRedirect, access, browser);
  }

  /** The policy in force: the site's own, else the global default. */
  public SelectionPolicy effectivePolicy(SelectionSettings defaults) {
    return policy.orElse(defaults.policy());
  }
}
