package io.ossgate.config;

import java.util.List;
import java.util.Objects;

/** The whole validated configuration, as read once at startup. Immutable. */
public record GatewayConfig(
    ServerSettings server,
    AdminSettings admin,
    UpstreamSettings upstream,
    SelectionSettings selection,
    List<SiteSettings> sites) {

  public GatewayConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(selection, "selection");
    sites = List.copyOf(sites);
  }
}
