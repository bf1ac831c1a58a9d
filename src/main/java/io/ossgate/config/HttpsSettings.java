package io.ossgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code server.https}: a TLS listener whose certificate is chosen per connection by SNI, with
 * HTTP/2 offered by ALPN. The first certificate is the one sent to clients without SNI (or with a
 * name no certificate covers).
 *
 * @param listen where to listen, like {@code 0.0.0.0:8443}
 * @param certificates PEM certificate chains and their keys, validated when the file was loaded
 */
public record HttpsSettings(HostPort listen, List<Certificate> certificates) {

  public static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 8443);

  /** One PEM certificate chain (leaf first) and its PEM private key. Paths only; never the key itself. */
  public record Certificate(Path cert, Path key) {
    public Certificate {
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(key, "key");
    }
  }

  public HttpsSettings {
    Objects.requireNonNull(listen, "listen");
    certificates = List.copyOf(certificates);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("certificates: empty (expected: at least one {cert, key})");
    }
  }
}
