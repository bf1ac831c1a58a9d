package io.ossgate.proxy;

import io.ossgate.oss.OssOperation;
import io.ossgate.site.Site;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamCall;
import io.ossgate.upstream.UpstreamFailure;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-request state, confined to the client connection's event loop. Typed fields instead of an
 * attribute bag: the proxy handler reads and writes only these.
 */
final class Exchange {
  final HttpServerRequest in;
  final String requestId;
  final RequestTarget target;
  final Site site;
  final OutboundRequest outbound;
  final OssOperation operation;
  final long startNanos;
  final List<UpstreamFailure> failures = new ArrayList<>();
  UpstreamCall current;
  boolean committed;
  boolean finished;

  Exchange(HttpServerRequest in, String requestId, RequestTarget target, Site site, OutboundRequest outbound,
      OssOperation operation, long startNanos) {
    this.in = in;
    this.requestId = requestId;
    this.target = target;
    this.site = site;
    this.outbound = outbound;
    this.operation = operation;
    this.startNanos = startNanos;
  }

  /** Bytes of the client's body already read by any attempt. */
  boolean bodyStarted() {
    for (UpstreamFailure f : failures) {
      if (f.bodyStarted()) {
        return true;
      }
    }
    return current != null && current.bodyBytesSent() > 0;
  }
}
