package io.ossgate.proxy;

import io.ossgate.oss.OssError;
import io.ossgate.oss.OssOperation;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.upstream.HopByHop;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamCalls;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
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
  private static final String[] REPLACED = {"host", "expect"};

  private final Vertx vertx;
  private final UpstreamCalls calls;
  private final SiteRegistry sites;
  private final ProxyContext ctx;
  private final RequestIds requestIds = new RequestIds();

  /** @param calls the upstream attempts of the event loop this handler runs on */
  public ProxyHandler(Vertx vertx, UpstreamCalls calls, SiteRegistry sites, ProxyContext ctx) {
    this.vertx = vertx;
    this.calls = calls;
    this.sites = sites;
    this.ctx = ctx;
  }

  @Override
  public void handle(HttpServerRequest in) {
    if (declaresBody(in) || in.isEnded()) {
      // A body streams: nothing reads it until an upstream is ready for it.
      in.pause();
      process(in);
    } else {
      // No body: start once the request has fully arrived (at once, in practice), so every answer,
      // relayed or the gateway's own, is written after the request ended and a keep-alive
      // connection never holds a half-read request.
      in.endHandler(v -> process(in));
    }
  }

  /** True when the request carries a body: Content-Length > 0, chunked, or an unsized HTTP/2 upload. */
  private static boolean declaresBody(HttpServerRequest in) {
    String length = in.headers().get(HttpHeaders.CONTENT_LENGTH);
    return isChunked(in) || (length != null && !length.trim().equals("0"));
  }

  private static boolean isChunked(HttpServerRequest in) {
    String transferEncoding = in.headers().get(HttpHeaders.TRANSFER_ENCODING);
    return (transferEncoding != null && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked"))
        || Http2Bodies.unsized(in);
  }

  private void process(HttpServerRequest in) {
    long requestNumber = requestIds.take();
    if (in.method() == HttpMethod.CONNECT) {
      GatewayErrors.reply(in, new OssError(405, GatewayErrors.CONNECT_NOT_SUPPORTED,
          "ossgate is a reverse proxy for OSS buckets, not a tunnel: CONNECT is not supported. "
              + "Use plain http:// to ossgate, or use it as the OSS endpoint."), requestIds.format(requestNumber), "");
      return;
    }
    RequestTarget target = RequestTarget.of(in);
    Optional<Site> site = sites.byHost(target.host());
    if (site.isEmpty()) {
      GatewayErrors.reply(in, new OssError(404, GatewayErrors.DOMAIN_NOT_CONFIGURED,
          "The domain '" + SiteRegistry.normalizeHost(target.host()) + "' is not configured on this gateway."),
          requestIds.format(requestNumber), target.host());
      return;
    }
    ClientRequest clientRequest = new ClientRequest(site.get(), in.method(), target.uri(), in.headers(), target.host(), in.isSSL());
    SitePolicy policy = ctx.policy(site.get());
    if (policy.answerLocally(clientRequest, in.response())) {
      // Nobody will read the body of a request answered here: discard it, or the connection stalls.
      in.handler(null);
      in.resume();
      return;
    }
    Optional<OssError> rejected = policy.reject(clientRequest);
    if (rejected.isPresent()) {
      GatewayErrors.reply(in, rejected.get(), requestIds.format(requestNumber), target.host(),
          headers -> policy.onResponseHeaders(clientRequest, rejected.get().status(), headers));
      return;
    }
    Exchange ex = new Exchange(in, requestIds, requestNumber, target, site.get(), outbound(in, target),
        OssOperation.classify(in.method().name(), in.query()), System.nanoTime(), clientRequest, policy);
    ExchangeRunner runner = new ExchangeRunner(vertx, calls, ctx, ex);
    in.response().closeHandler(v -> runner.clientGone());
    in.exceptionHandler(err -> runner.clientGone());
    runner.start();
  }

  private OutboundRequest outbound(HttpServerRequest in, RequestTarget target) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HopByHop.copyEndToEnd(in.headers(), headers, REPLACED);
    ForwardedHeaders.add(in, target, headers);
    String length = in.headers().get(HttpHeaders.CONTENT_LENGTH);
    boolean chunked = isChunked(in);
    boolean hasBody = declaresBody(in);
    boolean expectContinue = "100-continue".equalsIgnoreCase(in.headers().get(HttpHeaders.EXPECT));
    if (expectContinue && hasBody) {
      headers.set(HttpHeaders.EXPECT, "100-continue");
    }
    return new OutboundRequest(in.method(), target.uri(), headers, hasBody, chunked && length == null, expectContinue && hasBody);
  }


}
