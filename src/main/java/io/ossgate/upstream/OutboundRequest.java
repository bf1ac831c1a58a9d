package io.ossgate.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.Objects;

/**
 * What to send upstream, independent of which upstream: method, the raw request-target (path and
 * query exactly as the client sent them) and the end-to-end headers (no Host: the target sets it).
 *
 * @param hasBody the client declared a body (Content-Length > 0 or chunked)
 * @param chunked the client's body has no Content-Length
 * @param expectContinue the client sent {@code Expect: 100-continue}
 */
public record OutboundRequest(HttpMethod method, String uri, MultiMap headers, boolean hasBody,
    boolean chunked, boolean expectContinue) {

  public OutboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
  }
}
