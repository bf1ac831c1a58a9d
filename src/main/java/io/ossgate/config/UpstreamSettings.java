package io.ossgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code upstream.*}: how the gateway talks to OSS.
 *
 * @param scheme http for emulators and tests, https for OSS
 * @param connectTimeout TCP (and TLS) connect
 * @param firstByteTimeout request sent → response headers
 * @param idleTimeout no bytes moving in either direction during a body
 * @param dnsServers resolvers to use instead of the system's, {@code ip} or {@code ip:port}
 * @param resolve host → address pins (like curl --resolve); the Host header is not changed
 * @param caFile PEM CA certificates trusted for upstream HTTPS in addition to the system trust store
 */
public record UpstreamSettings(
    Scheme scheme,
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration idleTimeout,
    List<String> dnsServers,
    Map<String, HostPort> resolve,
    Optional<Path> caFile) {

  public enum Scheme {
    HTTP, HTTPS;

    public int defaultPort() {
      return this == HTTP ? 80 : 443;
    }
  }

  public static UpstreamSettings defaults() {
    return new UpstreamSettings(Scheme.HTTPS, Duration.ofSeconds(2), Duration.ofSeconds(15),
        Duration.ofSeconds(60), List.of(), Map.of(), Optional.empty());
  }

  /** Settings without an extra CA file: the system trust store only. */
  public UpstreamSettings(Scheme scheme, Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
      List<String> dnsServers, Map<String, HostPort> resolve) {
    this(scheme, connectTimeout, firstByteTimeout, idleTimeout, dnsServers, resolve, Optional.empty());
  }

  public UpstreamSettings {
    Objects.requireNonNull(scheme, "scheme");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(firstByteTimeout, "firstByteTimeout");
    requirePositive(idleTimeout, "idleTimeout");
    dnsServers = List.copyOf(dnsServers);
    resolve = Map.copyOf(resolve);
    Objects.requireNonNull(caFile, "caFile");
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }
}
