package io.ossgate.site;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Host → site. A site answers on its custom domains and on every default bucket domain of its
 * bucket (so SDKs pointed at the gateway as endpoint, CNAME or HTTP proxy all work). Anything
 * else is unknown: the gateway never forwards a request for a host it does not serve.
 * Immutable and thread-safe.
 */
public final class SiteRegistry {

  private final List<Site> sites;
  private final Map<String, Site> byHost;

  private SiteRegistry(List<Site> sites, Map<String, Site> byHost) {
    this.sites = sites;
    this.byHost = byHost;
  }

  /**
   * Builds the registry. Throws when two sites claim one host; configuration validation reports
   * that earlier with the key path, this is the last line of defence.
   */
  public static SiteRegistry of(List<Site> sites) {
    Map<String, Site> byHost = new HashMap<>();
    for (Site site : sites) {
      for (String domain : site.settings().domains()) {
        claim(byHost, normalizeHost(domain), site);
      }
    }
    for (Site site : sites) {
      for (String host : site.defaultBucketHosts()) {
        // Two sites may front the same bucket with different custom domains; the first one
        // configured answers on the bucket's own domains.
        byHost.putIfAbsent(host, site);
      }
    }
    return new SiteRegistry(List.copyOf(sites), Map.copyOf(byHost));
  }

  private static void claim(Map<String, Site> byHost, String host, Site site) {
    Site previous = byHost.putIfAbsent(host, site);
    if (previous != null && previous != site) {
      throw new IllegalArgumentException("domain " + host + " is claimed by sites '"
          + previous.name() + "' and '" + site.name() + "'");
    }
  }

  public List<Site> sites() {
    return sites;
  }

  /** Looks up a Host header value (any case, with or without a port, IPv6 in brackets). */
  public Optional<Site> byHost(String hostHeader) {
    if (hostHeader == null || hostHeader.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byHost.get(normalizeHost(hostHeader)));
  }

  /** Lowercase, without port and trailing dot. {@code [::1]:80} becomes {@code ::1}. */
  public static String normalizeHost(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close > 0 ? h.substring(1, close) : h;
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }
}
