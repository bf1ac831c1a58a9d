package io.ossgate.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what through a site, beside {@link AuthMode}: {@code sites[].methods} and
 * {@code sites[].bound-domain}.
 *
 * @param methods the HTTP methods the site forwards (uppercase); empty = every method. Defaults:
 *     {@code [GET, HEAD]} for {@code auth: sign} (the gateway's own key must not become a write
 *     key for the internet by accident), every method for {@code passthrough}
 * @param boundDomain the site's custom domains are also bound to the bucket in OSS (CNAME), so
 *     requests whose signature covers {@code Host} can be forwarded with the client's Host
 */
public record SiteAccess(Optional<Set<String>> methods, boolean boundDomain) {

  public static final Set<String> SIGN_DEFAULT_METHODS = Set.of("GET", "HEAD");

  public SiteAccess {
    Objects.requireNonNull(methods, "methods");
    methods = methods.map(m -> {
      TreeSet<String> upper = new TreeSet<>();
      m.forEach(x -> upper.add(x.trim().toUpperCase(Locale.ROOT)));
      return Collections.unmodifiableSet(upper);
    });
  }

  /** The defaults for a site whose {@code methods} and {@code bound-domain} are not set. */
  public static SiteAccess defaults(AuthMode auth) {
    return new SiteAccess(auth == AuthMode.SIGN ? Optional.of(SIGN_DEFAULT_METHODS) : Optional.empty(), false);
  }

  /** True when the site forwards {@code method}. */
  public boolean allows(String method) {
    return methods.map(m -> m.contains(method.toUpperCase(Locale.ROOT))).orElse(true);
  }

  /** For {@code check}: {@code GET, HEAD} or {@code (all)}. */
  public String describeMethods() {
    return methods.map(m -> String.join(", ", m)).orElse("(all)");
  }
}
