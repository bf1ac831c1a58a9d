package io.ossgate.config;

import java.util.Objects;

/** {@code server.*}: where clients connect. */
public record ServerSettings(HostPort http) {

  public static final HostPort DEFAULT_HTTP = new HostPort("0.0.0.0", 8080);

  public ServerSettings {
    Objects.requireNonNull(http, "http");
  }
}
