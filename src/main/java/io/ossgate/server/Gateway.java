package io.ossgate.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ossgate.admin.AdminServer;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.proxy.Ranking;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the site registry, upstream targets, ranking, admin listener and
 * one {@link GatewayVerticle} per event loop from a validated configuration. Everything the
 * gateway runs is created here and nowhere else.
 */
public final class Gateway {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final SiteRegistry sites;
  private final List<String> deployments;
  private final int httpPort;
  private final AdminServer admin;

  private Gateway(Vertx vertx, SiteRegistry sites, List<String> deployments, int httpPort, AdminServer admin) {
    this.vertx = vertx;
    this.sites = sites;
    this.deployments = deployments;
    this.httpPort = httpPort;
    this.admin = admin;
  }

  /**
   * Starts the gateway on {@code vertx}.
   *
   * @param instances proxy verticles to deploy; one per event loop is right for production
   */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, int instances) {
    SiteRegistry sites = SiteRegistry.of(config.sites().stream().map(Site::from).toList());
    Map<Upstream, UpstreamTarget> targets = new LinkedHashMap<>();
    for (Site site : sites.sites()) {
      for (Upstream upstream : site.upstreams()) {
        targets.put(upstream, UpstreamTarget.of(upstream, config.upstream()));
      }
    }
    Ranking ranking = Ranking.configuredOrder();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    AtomicReference<GatewayVerticle> first = new AtomicReference<>();
    HostPort listen = config.server().http();
    return vertx.deployVerticle(() -> {
          GatewayVerticle v = new GatewayVerticle(config, sites, targets, ranking, listen);
          first.set(v);
          return v;
        }, new DeploymentOptions())
        .compose(firstId -> {
          int port = first.get().actualPort();
          Future<String> rest = instances > 1
              ? vertx.deployVerticle(() -> new GatewayVerticle(config, sites, targets, ranking,
                  new HostPort(listen.host(), port)), new DeploymentOptions().setInstances(instances - 1))
              : Future.succeededFuture(null);
          return rest.compose(restId -> AdminServer.start(vertx, config.admin().listen(),
                  () -> status(sites, targets), () -> true, metrics)
              .map(admin -> {
                List<String> ids = restId == null ? List.of(firstId) : List.of(firstId, restId);
                log.info("ossgate listening on {}:{} ({} event loop{}), admin on {}:{}", listen.host(), port,
                    instances, instances == 1 ? "" : "s", config.admin().listen().host(), admin.port());
                return new Gateway(vertx, sites, ids, port, admin);
              }));
        });
  }

  private static JsonObject status(SiteRegistry sites, Map<Upstream, UpstreamTarget> targets) {
    JsonArray siteArray = new JsonArray();
    for (Site site : sites.sites()) {
      JsonArray ups = new JsonArray();
      boolean firstUp = true;
      for (Upstream u : site.upstreams()) {
        UpstreamTarget t = targets.get(u);
        ups.add(new JsonObject()
            .put("type", u.type().configName())
            .put("host", u.host())
            .put("address", t.server().host() + ":" + t.server().port())
            .put("chosen", firstUp));
        firstUp = false;
      }
      siteArray.add(new JsonObject()
          .put("name", site.name())
          .put("bucket", site.bucket().value())
          .put("region", site.region().value())
          .put("domains", new JsonArray(site.settings().domains()))
          .put("upstreams", ups));
    }
    return new JsonObject().put("sites", siteArray);
  }

  public int httpPort() {
    return httpPort;
  }

  public int adminPort() {
    return admin.port();
  }

  public SiteRegistry sites() {
    return sites;
  }

  public Future<Void> close() {
    Future<Void> undeployed = Future.succeededFuture();
    for (String id : deployments) {
      undeployed = undeployed.compose(v -> vertx.undeploy(id));
    }
    return undeployed.compose(v -> admin.close());
  }
}
