package io.ossgate.server;

import io.ossgate.auth.MethodPolicy;
import io.ossgate.auth.PassthroughPolicy;
import io.ossgate.auth.SigningPolicy;
import io.ossgate.config.AuthMode;
import io.ossgate.proxy.SitePolicy;
import io.ossgate.signing.CredentialsProvider;
import io.ossgate.site.Site;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The authentication policies of one site: methods first, then sign or passthrough. */
final class AuthPolicies {

  private AuthPolicies() {}

  static List<SitePolicy> forSite(Site site, Optional<CredentialsProvider> credentials) {
    MethodPolicy methods = new MethodPolicy(site.name(), site.settings().access());
    if (site.settings().auth() == AuthMode.SIGN) {
      CredentialsProvider provider = credentials.orElseThrow(() -> new IllegalStateException(
          "site " + site.name() + " signs but no credentials were resolved"));
      return List.of(methods, new SigningPolicy(site.bucket().value(), site.region().value(), provider,
          Clock.systemUTC()));
    }
    return List.of(methods, new PassthroughPolicy(site, site.settings().access()));
  }
}
