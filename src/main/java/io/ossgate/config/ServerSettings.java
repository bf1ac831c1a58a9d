package io.ossgate.config;

import java.util.Objects;
import java.util.Optional;

/** {@code server.*}: where clients connect; {@code https} is optional. */
public record ServerSettings(HostPort http, Optional<HttpsSettings> https) {

  public static final HostPort DEFAULT_HTTP = new HostPort("0.0.0.0", 8080);

  public ServerSettings {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(https, "https");
  }

  /** Plain HTTP only. */
  public ServerSettings(HostPort http) {
    this(http, Optional.empty());
  }
}
