package io.ossgate.proxy;

import io.ossgate.oss.EndpointType;
import io.ossgate.site.Upstream;
import io.ossgate.oss.OssOperation;
import io.ossgate.signing.SignatureInfo;
import io.ossgate.site.Site;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamCall;
import io.ossgate.upstream.UpstreamFailure;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-request state, confined to the client connection's event loop. Typed fields instead of an
 * attribute bag: the proxy classes read and write only these.
 */
final class Exchange {
  final HttpServerRequest in;
  private final RequestIds requestIds;
  private final long requestNumber;
  final RequestTarget target;
  final Site site;
  final OutboundRequest outbound;
  final OssOperation operation;
  final long startNanos;
  final ClientRequest client;
  final SitePolicy policy;
  final List<UpstreamFailure> failures = new ArrayList<>();
  UpstreamCall current;
  boolean finished;

  Exchange(HttpServerRequest in, RequestIds requestIds, long requestNumber, RequestTarget target, Site site, OutboundRequest outbound,
      OssOperation operation, long startNanos, ClientRequest client, SitePolicy policy) {
    this.in = in;
    this.requestIds = requestIds;
    this.requestNumber = requestNumber;
    this.target = target;
    this.site = site;
    this.outbound = outbound;
    this.operation = operation;
    this.startNanos = startNanos;
    this.client = client;
    this.policy = policy;
  }

  /** The id of this request in the gateway's own answers and logs (made when asked for). */
  String requestId() {
    return requestIds.format(requestNumber);
  }

  /** Keeps only the endpoint type the site policy pins this request to, if it pins one. */
  List<Upstream> pinned(List<Upstream> ranked) {
    Optional<EndpointType> only = policy.pinnedEndpoint(client);
    return only.isEmpty() ? ranked : ranked.stream().filter(u -> u.type() == only.get()).toList();
  }

  /** The object path (without query), as the cache and size keys use it. */
  String path() {
    String uri = target.uri();
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  /** What the client's own signature covers (inspected once, on first use). */
  SignatureInfo signature() {
    return client.signature();
  }
}
