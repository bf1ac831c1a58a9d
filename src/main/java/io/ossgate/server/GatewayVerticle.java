package io.ossgate.server;

import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.proxy.ProxyHandler;
import io.ossgate.proxy.Ranking;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.UpstreamTarget;
import io.ossgate.upstream.UpstreamTimeouts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpServer;
import java.util.Map;

/**
 * One event loop's share of the gateway: a proxy listener (the port is shared by all instances)
 * and its own upstream HTTP client, so each client connection and its upstream connections stay
 * on one thread.
 */
final class GatewayVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final SiteRegistry sites;
  private final Map<Upstream, UpstreamTarget> targets;
  private final Ranking ranking;
  private final HostPort listen;
  private HttpClientAgent client;
  private HttpServer server;

  GatewayVerticle(GatewayConfig config, SiteRegistry sites, Map<Upstream, UpstreamTarget> targets, Ranking ranking,
      HostPort listen) {
    this.config = config;
    this.sites = sites;
    this.targets = targets;
    this.ranking = ranking;
    this.listen = listen;
  }

  @Override
  public Future<?> start() {
    client = vertx.httpClientBuilder()
        .with(NetworkOptions.upstreamClient(config.upstream()))
        .with(NetworkOptions.upstreamPool())
        .build();
    ProxyHandler handler = new ProxyHandler(vertx, client, sites, targets,
        UpstreamTimeouts.from(config.upstream()), ranking);
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
