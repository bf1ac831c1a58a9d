package io.ossgate.server;

import io.ossgate.common.Ticker;
import io.ossgate.config.GatewayConfig;
import io.ossgate.proxy.ProxyContext;
import io.ossgate.proxy.ProxyHandler;
import io.ossgate.site.SiteRegistry;
import io.ossgate.upstream.LoopProbeTransport;
import io.ossgate.upstream.RelayMemory;
import io.ossgate.upstream.UpstreamCalls;
import io.ossgate.upstream.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.Optional;

/**
 * One event loop's share of the gateway: a proxy listener (the port is shared by all instances)
 * and its own upstream HTTP client, so each client connection and its upstream connections stay
 * on one thread. Everything else (health, routing, metrics) is shared and thread-safe. When
 * {@code server.https} is set, an HTTPS listener (SNI, HTTP/2 by ALPN) shares the same handler.
 */
final class GatewayVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final SiteRegistry sites;
  private final ProxyContext ctx;
  private final SharedPorts.Listen listen;
  private final TlsSetup tls;
  private final Optional<SharedPorts.Listen> httpsListen;
  private UpstreamClient client;
  private HttpServer server;
  private HttpServer httpsServer;
  private volatile Thread eventLoop;
  private long trimTimer = -1;
  private final StartBarrier barrier;
  private final LoopProbeTransport probes;
  private Runnable stopProbing = () -> { };
  /** The gateway's one time source; the upstream pools' keep-alive rules read it too. */
  private final Ticker ticker;

  GatewayVerticle(GatewayConfig config, SiteRegistry sites, ProxyContext ctx, SharedPorts.Listen listen,
      TlsSetup tls, Optional<SharedPorts.Listen> httpsListen, StartBarrier barrier, LoopProbeTransport probes,
      Ticker ticker) {
    this.ticker = ticker;
    this.barrier = barrier;
    this.probes = probes;
    this.config = config;
    this.sites = sites;
    this.ctx = ctx;
    this.listen = listen;
    this.tls = tls;
    this.httpsListen = httpsListen;
  }

  @Override
  public Future<?> start() {
    return barrier.arrive(context).compose(v -> listen());
  }

  private Future<?> listen() {
    eventLoop = Thread.currentThread();
    long idleNanos = config.upstream().idleTimeout().toNanos();
    client = new UpstreamClient((ContextInternal) context, NetworkOptions.upstreamConnections(config.upstream()),
        tls.upstreamTls(), () -> new ActivityIdleHandler(idleNanos), ctx.relayMemory()::adopt, ticker);
    // Upstream read buffers are kept per event loop: this loop frees the sizes it stopped using.
    trimTimer = vertx.setPeriodic(RelayMemory.TRIM_INTERVAL_MILLIS, id -> ctx.relayMemory().trimIdle());
    UpstreamCalls calls = new UpstreamCalls(vertx, client, ctx.timeouts(), ctx.metrics());
    // Probes go out through this loop's client too: they measure its path and keep its pools warm.
    stopProbing = probes.register(context, calls);
    ProxyHandler handler = new ProxyHandler(vertx, calls, sites, ctx);
    server = vertx.createHttpServer(NetworkOptions.proxyServer()).requestHandler(handler)
        .connectionHandler(ActivityIdleHandler::replaceVertxIdleHandler);
    Future<HttpServer> http = server.listen(listen.port(), listen.host());
    Optional<HttpServerOptions> httpsOptions = tls.httpsServer();
    if (httpsListen.isEmpty() || httpsOptions.isEmpty()) {
      return http;
    }
    httpsServer = vertx.createHttpServer(httpsOptions.get()).requestHandler(handler)
        .connectionHandler(ActivityIdleHandler::replaceVertxIdleHandler);
    return http.compose(v -> httpsServer.listen(httpsListen.get().port(), httpsListen.get().host()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(trimTimer);
    stopProbing.run();
    Future<Void> https = httpsServer == null ? Future.succeededFuture() : httpsServer.close();
    return https.eventually(() -> server.close()).andThen(v -> client.close());
  }

  /** The event-loop thread this instance (its listeners, handler and upstream client) runs on. */
  Thread eventLoop() {
    return eventLoop;
  }

  int actualPort() {
    return server.actualPort();
  }

  /** The bound HTTPS port, or -1 without an HTTPS listener. */
  int actualHttpsPort() {
    return httpsServer == null ? -1 : httpsServer.actualPort();
  }
}
