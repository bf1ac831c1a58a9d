package io.ossgate.emulator;

import io.ossgate.oss.EndpointType;
import io.vertx.core.net.KeyCertOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * One emulated endpoint type: the port it listens on (0 = any free port), its initial faults, and
 * optionally a certificate, with which it serves HTTPS (HTTP/1.1) instead of plain HTTP.
 */
public record EndpointSettings(EndpointType type, int port, Faults faults, Optional<KeyCertOptions> tls) {

  public EndpointSettings {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(tls, "tls");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
  }

  /** A plain-HTTP endpoint. */
  public EndpointSettings(EndpointType type, int port, Faults faults) {
    this(type, port, faults, Optional.empty());
  }

  /** Any free port, no faults. */
  public static EndpointSettings of(EndpointType type) {
    return new EndpointSettings(type, 0, Faults.none());
  }

  /** The same endpoint, serving HTTPS with {@code certificate}. */
  public EndpointSettings withTls(KeyCertOptions certificate) {
    return new EndpointSettings(type, port, faults, Optional.of(certificate));
  }
}
