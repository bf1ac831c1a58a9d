package io.ossgate.server;

import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.proxy.ProxyContext;
import io.ossgate.proxy.ProxyHandler;
import io.ossgate.site.SiteRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpServer;

/**
 * One event loop's share of the gateway: a proxy listener (the port is shared by all instances)
 * and its own upstream HTTP client, so each client connection and its upstream connections stay
 * on one thread. Everything else (health, routing, metrics) is shared and thread-safe.
 */
final class GatewayVerticle extends VerticleBase {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GatewayVerticle.class);

  private final GatewayConfig config;
  private final SiteRegistry sites;
  private final ProxyContext ctx;
  private final HostPort listen;
  private HttpClientAgent client;
  private HttpServer server;

  GatewayVerticle(GatewayConfig config, SiteRegistry sites, ProxyContext ctx, HostPort listen) {
    this.config = config;
    this.sites = sites;
    this.ctx = ctx;
    this.listen = listen;
  }

  @Override
  public Future<?> start() {
    client = vertx.httpClientBuilder()
        .with(NetworkOptions.upstreamClient(config.upstream()))
        .with(NetworkOptions.upstreamPool())
        // A reset upstream connection is an attempt outcome, already counted by health and logged
        // per request; without a handler Vert.x would log every one at ERROR with no context.
        .withConnectHandler(conn -> conn.exceptionHandler(err -> log.debug("upstream connection {}: {}",
            conn.remoteAddress(), err.toString())))
        .build();
    ProxyHandler handler = new ProxyHandler(vertx, client, sites, ctx);
    server = vertx.createHttpServer(NetworkOptions.proxyServer()).requestHandler(handler);
    return server.listen(listen.port(), listen.host());
  }

  @Override
  public Future<?> stop() {
    return server.close().eventually(() -> client.close());
  }

  int actualPort() {
    return server.actualPort();
  }
}
