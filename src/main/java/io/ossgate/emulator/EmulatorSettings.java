package io.ossgate.emulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link Emulator} needs to start.
 *
 * @param bindHost      address every listener binds to, e.g. {@code 127.0.0.1}
 * @param buckets       the buckets; every endpoint serves all of them
 * @param endpoints     one listener per endpoint type (types must be distinct)
 * @param controlPort   port of the HTTP control API (0 = any free port); empty = no control API
 * @param authenticator checks signed requests; {@link RequestAuthenticator#acceptAll()} by default
 */
public record EmulatorSettings(
    String bindHost,
    List<BucketSettings> buckets,
    List<EndpointSettings> endpoints,
    Optional<Integer> controlPort,
    RequestAuthenticator authenticator) {

  public EmulatorSettings {
    Objects.requireNonNull(bindHost, "bindHost");
    buckets = List.copyOf(buckets);
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(controlPort, "controlPort");
    Objects.requireNonNull(authenticator, "authenticator");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: empty (expected: at least one endpoint type)");
    }
    if (endpoints.stream().map(EndpointSettings::type).distinct().count() != endpoints.size()) {
      throw new IllegalArgumentException("endpoints: an endpoint type appears twice");
    }
    if (buckets.stream().map(BucketSettings::name).distinct().count() != buckets.size()) {
      throw new IllegalArgumentException("buckets: a bucket name appears twice");
    }
  }

  /** Loopback, no control API, every signature accepted. */
  public static EmulatorSettings of(List<BucketSettings> buckets, List<EndpointSettings> endpoints) {
    return new EmulatorSettings("127.0.0.1", buckets, endpoints, Optional.empty(), RequestAuthenticator.acceptAll());
  }

  public EmulatorSettings withControlPort(int port) {
    return new EmulatorSettings(bindHost, buckets, endpoints, Optional.of(port), authenticator);
  }

  public EmulatorSettings withAuthenticator(RequestAuthenticator newAuthenticator) {
    return new EmulatorSettings(bindHost, buckets, endpoints, controlPort, newAuthenticator);
  }

  /**
   * Verifies every signed request against {@code keys} (V1 and V4, header and presigned) with the
   * system clock: a request signed with an unknown key or a wrong signature gets the OSS 403 error.
   */
  public EmulatorSettings withKeys(java.util.Collection<io.ossgate.signing.Credentials> keys) {
    return withAuthenticator(SignatureAuthenticator.of(keys, java.time.Clock.systemUTC()));
  }

  public EmulatorSettings withBindHost(String host) {
    return new EmulatorSettings(host, buckets, endpoints, controlPort, authenticator);
  }
}
