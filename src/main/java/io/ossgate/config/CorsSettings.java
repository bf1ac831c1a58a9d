package io.ossgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sites[].cors}: the CORS rules the gateway applies itself (preflights answered locally,
 * headers added to every response for an allowed origin).
 *
 * @param allowedOrigins {@code *}, exact origins ({@code https://app.example.com}, lowercase, no
 *     path) or one-wildcard host patterns ({@code https://*.example.com})
 * @param allowedMethods upper-case methods, from GET, HEAD, PUT, POST, DELETE
 * @param allowedHeaders lower-case request header names a preflight may ask for; {@code *} allows any
 * @param exposeHeaders response header names scripts may read, as written
 * @param maxAge how long a browser may cache a preflight answer; empty sends no {@code Access-Control-Max-Age}
 * @param allowCredentials send {@code Access-Control-Allow-Credentials: true}; never with origin {@code *}
 */
public record CorsSettings(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
    List<String> exposeHeaders, Optional<Duration> maxAge, boolean allowCredentials) {

  /** Methods allowed when {@code allowed-methods} is absent. */
  public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD");
  /** Methods OSS's own CORS rules accept; the same set here. */
  public static final List<String> KNOWN_METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE");

  public CorsSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedMethods = List.copyOf(allowedMethods);
    allowedHeaders = List.copyOf(allowedHeaders);
    exposeHeaders = List.copyOf(exposeHeaders);
    Objects.requireNonNull(maxAge, "maxAge");
    if (allowedOrigins.isEmpty()) {
      throw new IllegalArgumentException("allowedOrigins: empty (expected: at least one origin, or *)");
    }
    if (allowedMethods.isEmpty()) {
      throw new IllegalArgumentException("allowedMethods: empty (expected: some of " + KNOWN_METHODS + ")");
    }
    if (allowCredentials && allowedOrigins.contains("*")) {
      throw new IllegalArgumentException("allowCredentials: true with allowed-origins '*' (expected: explicit"
          + " origins; credentials for any origin would let every web site read what your users may read)");
    }
  }
}
