package io.ossgate.routing;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What routing knows about a request before choosing an upstream.
 *
 * @param method the HTTP method
 * @param expectedBytes expected response (GET) or request (PUT) body size, from Range or the
 *     object size cache; empty when unknown
 */
public record RequestHints(String method, OptionalLong expectedBytes) {

  public RequestHints {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(expectedBytes, "expectedBytes");
  }

  public static RequestHints of(String method) {
    return new RequestHints(method, OptionalLong.empty());
  }

  public static RequestHints of(String method, long expectedBytes) {
    return new RequestHints(method, OptionalLong.of(expectedBytes));
  }
}
