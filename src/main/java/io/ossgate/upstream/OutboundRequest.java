package io.ossgate.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.Objects;
import java.util.Optional;

/**
 * What to send upstream, independent of which upstream: method, the raw request-target (path and
 * query exactly as the client sent them) and the end-to-end headers (no Host: the target sets it).
 *
 * @param hasBody the client declared a body (Content-Length > 0 or chunked)
 * @param chunked the client's body has no Content-Length
 * @param expectContinue the client sent {@code Expect: 100-continue}
 * @param hostOverride the Host to send instead of the upstream's bucket domain (a custom domain
 *     bound to the bucket, for requests whose signature covers Host); empty = the bucket domain
 */
public record OutboundRequest(HttpMethod method, String uri, MultiMap headers, boolean hasBody,
    boolean chunked, boolean expectContinue, Optional<String> hostOverride) {

  public OutboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(hostOverride, "hostOverride");
  }

  /** Sent with the upstream's bucket domain as Host. */
  public OutboundRequest(HttpMethod method, String uri, MultiMap headers, boolean hasBody, boolean chunked,
      boolean expectContinue) {
    this(method, uri, headers, hasBody, chunked, expectContinue, Optional.empty());
  }

  /** A copy with another request-target and headers (e.g. after signing). */
  public OutboundRequest with(String newUri, MultiMap newHeaders) {
    return new OutboundRequest(method, newUri, newHeaders, hasBody, chunked, expectContinue, hostOverride);
  }

  /** A copy sent with {@code host} as its Host header. */
  public OutboundRequest withHost(String host) {
    return new OutboundRequest(method, uri, headers, hasBody, chunked, expectContinue, Optional.of(host));
  }
}
