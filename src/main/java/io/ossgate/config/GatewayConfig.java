package io.ossgate.config;

import java.util.List;
import java.util.Objects;

/** The whole validated configuration, as read once at startup. Immutable. */
public record GatewayConfig(
    ServerSettings server,
    AdminSettings admin,
    UpstreamSettings upstream,
    SelectionSettings selection,
    List<SiteSettings> sites,
    CredentialSources credentials) {

  public GatewayConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(selection, "selection");
    sites = List.copyOf(sites);
    Objects.requireNonNull(credentials, "credentials");
  }

  /** Without a {@code credentials:} section (environment only). */
  public GatewayConfig(ServerSettings server, AdminSettings admin, UpstreamSettings upstream,
      SelectionSettings selection, List<SiteSettings> sites) {
    this(server, admin, upstream, selection, sites, CredentialSources.none());
  }

  /** A copy with other credential sources. */
  public GatewayConfig withCredentials(CredentialSources sources) {
    return new GatewayConfig(server, admin, upstream, selection, sites, sources);
  }

  /** A copy with other sites. */
  public GatewayConfig withSites(List<SiteSettings> newSites) {
    return new GatewayConfig(server, admin, upstream, selection, newSites, credentials);
  }
}
