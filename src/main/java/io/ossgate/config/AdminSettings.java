package io.ossgate.config;

import java.util.Objects;

/** {@code admin.*}: status, metrics and health, on loopback by default. */
public record AdminSettings(HostPort listen) {

  public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9090);

  public AdminSettings {
    Objects.requireNonNull(listen, "listen");
  }
}
