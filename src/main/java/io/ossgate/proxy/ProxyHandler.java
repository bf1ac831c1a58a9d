package io.ossgate.proxy;

import io.ossgate.oss.OssError;
import io.ossgate.oss.OssOperation;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.FailureKind;
import io.ossgate.upstream.HopByHop;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamCall;
import io.ossgate.upstream.UpstreamFailure;
import io.ossgate.upstream.UpstreamTarget;
import io.ossgate.upstream.UpstreamTimeouts;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path, in order: pause the client's body → find the site by Host → rank its
 * upstreams → attempt, failing over while nothing was committed → relay the response. Each step
 * lives in its own class; this one only orchestrates.
 *
 * <p>One instance per event loop (per gateway verticle), with its own HTTP client, so a client
 * connection and its upstream connection share a thread and no state needs synchronisation.
 */
public final class ProxyHandler implements Handler<HttpServerRequest> {

  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
  /** Request headers that are replaced rather than forwarded. */
  private static final Set<String> REPLACED = Set.of("host", "expect");

  private final Vertx vertx;
  private final HttpClient client;
  private final SiteRegistry sites;
  private final Map<Upstream, UpstreamTarget> targets;
  private final UpstreamTimeouts timeouts;
  private final Ranking ranking;
  private final RequestIds requestIds = new RequestIds();

  public ProxyHandler(Vertx vertx, HttpClient client, SiteRegistry sites, Map<Upstream, UpstreamTarget> targets,
      UpstreamTimeouts timeouts, Ranking ranking) {
    this.vertx = vertx;
    this.client = client;
    this.sites = sites;
    this.targets = Map.copyOf(targets);
    this.timeouts = timeouts;
    this.ranking = ranking;
  }

  @Override
  public void handle(HttpServerRequest in) {
    // Nothing reads the body until an upstream is ready for it.
    in.pause();
    String requestId = requestIds.next();
    if (in.method() == HttpMethod.CONNECT) {
      GatewayErrors.reply(in, new OssError(405, GatewayErrors.CONNECT_NOT_SUPPORTED,
          "ossgate is a reverse proxy for OSS buckets, not a tunnel: CONNECT is not supported. "
              + "Use plain http:// to ossgate, or use it as the OSS endpoint."), requestId, "");
      return;
    }
    RequestTarget target = RequestTarget.of(in);
    Optional<Site> site = sites.byHost(target.host());
    if (site.isEmpty()) {
      GatewayErrors.reply(in, new OssError(404, GatewayErrors.DOMAIN_NOT_CONFIGURED,
          "The domain '" + SiteRegistry.normalizeHost(target.host()) + "' is not configured on this gateway."),
          requestId, target.host());
      return;
    }
    Exchange ex = new Exchange(in, requestId, target, site.get(), outbound(in, target),
        OssOperation.classify(in.method().name(), in.query()), System.nanoTime());
    in.response().closeHandler(v -> onClientGone(ex));
    in.exceptionHandler(err -> onClientGone(ex));
    List<Upstream> ranked = ranking.rank(ex.site, new Ranking.RequestInfo(in.method().name(), target.uri(), -1));
    attempt(ex, ranked, 0);
  }

  private OutboundRequest outbound(HttpServerRequest in, RequestTarget target) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HopByHop.copyEndToEnd(in.headers(), headers, REPLACED);
    ForwardedHeaders.add(in, target, headers);
    String length = in.headers().get(HttpHeaders.CONTENT_LENGTH);
    String transferEncoding = in.headers().get(HttpHeaders.TRANSFER_ENCODING);
    boolean chunked = transferEncoding != null && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    boolean hasBody = chunked || (length != null && !length.equals("0"));
    boolean expectContinue = "100-continue".equalsIgnoreCase(in.headers().get(HttpHeaders.EXPECT));
    if (expectContinue && hasBody) {
      headers.set(HttpHeaders.EXPECT, "100-continue");
    }
    return new OutboundRequest(in.method(), target.uri(), headers, hasBody, chunked && length == null, expectContinue && hasBody);
  }

  private void attempt(Exchange ex, List<Upstream> ranked, int index) {
    if (ex.finished) {
      return;
    }
    if (index >= ranked.size()) {
      allFailed(ex);
      return;
    }
    UpstreamTarget target = targets.get(ranked.get(index));
    UpstreamCall call = UpstreamCall.start(vertx, client, target, timeouts, ex.outbound,
        ex.outbound.hasBody() ? ex.in : null, () -> ex.in.response().writeContinue());
    ex.current = call;
    call.response().onComplete(ar -> {
      if (ar.succeeded()) {
        relay(ex, call, ar.result());
        return;
      }
      UpstreamFailure failure = (UpstreamFailure) ar.cause();
      if (failure.kind() == FailureKind.CANCELLED || ex.finished) {
        return;
      }
      ex.failures.add(failure);
      log.debug("{} {} attempt failed on {}: {}", ex.requestId, ex.site.name(), target.describe(), failure.getMessage());
      if (mayTryAnother(ex, failure)) {
        attempt(ex, ranked, index + 1);
      } else {
        allFailed(ex);
      }
    });
  }

  /**
   * Another upstream may be tried when nothing of the body has been read (the client's stream is
   * still intact) and the request is safe to repeat, or when the upstream never saw it at all.
   */
  private static boolean mayTryAnother(Exchange ex, UpstreamFailure failure) {
    if (ex.bodyStarted()) {
      return false;
    }
    return failure.kind() == FailureKind.CONNECT || ex.operation.retrySafe();
  }

  private void relay(Exchange ex, UpstreamCall call, HttpClientResponse response) {
    if (ex.finished) {
      call.cancel();
      return;
    }
    ex.committed = true;
    // An early answer (the upstream replied before the upload finished) leaves the client's body
    // half read: the connection cannot be reused after this response.
    boolean closeAfter = ex.outbound.hasBody() && !call.requestEnded();
    ResponseRelay.writeHead(response, ex.in.response(), call.target().upstream().type().configName(), closeAfter);
    ResponseRelay.pipeBody(ex.in.method(), response, ex.in.response()).onComplete(done -> {
      ex.finished = true;
      if (done.failed()) {
        log.debug("{} {} body relay broke from {}: {}", ex.requestId, ex.site.name(), call.target().describe(),
            done.cause().getMessage());
        call.cancel();
      }
    });
  }

  private void allFailed(Exchange ex) {
    ex.finished = true;
    boolean allTimeouts = !ex.failures.isEmpty()
        && ex.failures.stream().allMatch(f -> f.kind() == FailureKind.FIRST_BYTE_TIMEOUT);
    String reasons = ex.failures.stream()
        .map(f -> f.target().describe() + ": " + f.getMessage())
        .collect(Collectors.joining("; "));
    OssError error = allTimeouts
        ? new OssError(504, GatewayErrors.UPSTREAM_TIMEOUT, "No upstream answered in time. " + reasons)
        : new OssError(502, GatewayErrors.UPSTREAM_UNAVAILABLE, "No upstream could serve the request. " + reasons);
    log.warn("{} {} {} {} failed on every upstream: {}", ex.requestId, ex.site.name(), ex.in.method(),
        LogSafe.path(ex.target.uri()), reasons);
    GatewayErrors.reply(ex.in, error, ex.requestId, ex.target.host());
  }

  private void onClientGone(Exchange ex) {
    if (ex.finished) {
      return;
    }
    ex.finished = true;
    if (ex.current != null) {
      ex.current.cancel();
    }
  }
}
