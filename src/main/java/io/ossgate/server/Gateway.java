package io.ossgate.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ossgate.admin.AdminServer;
import io.ossgate.admin.StatusJson;
import io.ossgate.common.Ticker;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.config.HttpsSettings;
import io.ossgate.health.HealthRegistry;
import io.ossgate.health.ObjectSizeCache;
import io.ossgate.health.Prober;
import io.ossgate.health.RetryBudget;
import io.ossgate.health.UpstreamHealth;
import io.ossgate.metrics.GatewayMetrics;
import io.ossgate.proxy.ProxyContext;
import io.ossgate.routing.Routing;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.UpstreamTarget;
import io.ossgate.upstream.RelayMemory;
import io.ossgate.upstream.UpstreamTimeouts;
import io.ossgate.upstream.LoopProbeTransport;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the site registry, upstream targets, health, routing, probes,
 * metrics, admin listener and one {@link GatewayVerticle} per event loop from a validated
 * configuration. Everything the gateway runs is created here and nowhere else.
 */
public final class Gateway {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final SiteRegistry sites;
  private final HealthRegistry health;
  private final Routing routing;
  private final HealthMonitor monitor;
  private final List<String> deployments;
  private final int httpPort;
  private final int httpsPort;
  private final AdminServer admin;
  private final int proxyEventLoops;
  private final RelayMemory relayMemory;

  private Gateway(Vertx vertx, SiteRegistry sites, HealthRegistry health, Routing routing, HealthMonitor monitor,
      List<String> deployments, int httpPort, int httpsPort, AdminServer admin,
      int proxyEventLoops, RelayMemory relayMemory) {
    this.vertx = vertx;
    this.sites = sites;
    this.health = health;
    this.routing = routing;
    this.monitor = monitor;
    this.deployments = deployments;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.admin = admin;
    this.proxyEventLoops = proxyEventLoops;
    this.relayMemory = relayMemory;
  }

  /** How upstream bodies are read (tests check that chunks read without copies are freed). */
  public RelayMemory relayMemory() {
    return relayMemory;
  }

  /** How many distinct event loops serve proxied requests (one per instance, when deployed right). */
  public int proxyEventLoops() {
    return proxyEventLoops;
  }

  /** Starts the gateway with the system clock. */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, int instances) {
    return start(vertx, config, instances, Ticker.system());
  }

  /**
   * Starts the gateway on {@code vertx}.
   *
   * @param instances proxy verticles to deploy; one per event loop is right for production
   * @param ticker the one time source for health, breakers and caches
   */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, int instances, Ticker ticker) {
    return start(vertx, config, instances, ticker, HostEnvironment.system());
  }

  /**
   * Starts the gateway with {@code host}'s environment: TLS material is loaded and credentials for
   * {@code auth: sign} sites are resolved and fetched once, off the event loops, before anything
   * listens.
   */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, int instances, Ticker ticker,
      HostEnvironment host) {
    return TlsSetup.load(vertx, config).compose(tls -> GatewayCredentials.load(vertx, config, host)
        .compose(credentials -> start(vertx, config, instances, ticker, tls, credentials)));
  }

  private static Future<Gateway> start(Vertx vertx, GatewayConfig config, int instances, Ticker ticker,
      TlsSetup tls, java.util.Optional<io.ossgate.signing.CredentialsProvider> credentials) {
    // The HTTPS port the redirect policy points to; the bound one once known (port 0 in tests).
    AtomicInteger httpsPortNow = new AtomicInteger(config.server().https().map(h -> h.listen().port()).orElse(-1));
    SiteRegistry sites = SiteRegistry.of(config.sites().stream().map(Site::from).toList());
    Map<Upstream, UpstreamTarget> targets = new LinkedHashMap<>();
    for (Site site : sites.sites()) {
      for (Upstream upstream : site.upstreams()) {
        targets.put(upstream, UpstreamTarget.of(upstream, config.upstream()));
      }
    }
    HealthRegistry health = new HealthRegistry(sites.sites(), config.selection(), ticker);
    Routing routing = new Routing(sites.sites(), health, config.selection());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry);
    registerHealthGauges(registry, health);
    RelayMemory relayMemory = new RelayMemory();
    registerMemoryGauges(registry, relayMemory);
    ProxyContext ctx = new ProxyContext(targets, UpstreamTimeouts.from(config.upstream()), config.selection(),
        routing, health, RetryBudget.of(config.selection(), ticker), ObjectSizeCache.create(ticker), metrics,
        SitePolicies.of(config, sites, httpsPortNow::get, credentials), relayMemory);

    LoopProbeTransport transport = new LoopProbeTransport(targets);
    Prober prober = new Prober(health, transport, config.selection(), ticker);
    HealthMonitor monitor = new HealthMonitor(vertx, prober, transport, config.selection().probeTimeout(), sites);

    HostPort listen = config.server().http();
    Optional<HostPort> httpsListen = config.server().https().map(HttpsSettings::listen);
    // Every instance in ONE deployment: Vert.x then gives each its own event loop. (Deployed one
    // after another, two instances landed on the same loop and the gateway used one core.) Port 0
    // becomes a Vert.x shared random port, so the instances still share one listener.
    SharedPorts.Listen sharedListen = SharedPorts.shareable(listen);
    Optional<SharedPorts.Listen> sharedHttps = httpsListen.map(SharedPorts::shareable);
    List<GatewayVerticle> proxies = new CopyOnWriteArrayList<>();
    StartBarrier barrier = new StartBarrier(instances);
    return vertx.deployVerticle(() -> {
          GatewayVerticle v = new GatewayVerticle(config, sites, ctx, sharedListen, tls, sharedHttps, barrier, transport,
              ticker);
          proxies.add(v);
          return v;
        }, new DeploymentOptions().setInstances(instances))
        .compose(deploymentId -> {
          int port = proxies.get(0).actualPort();
          int httpsPort = proxies.get(0).actualHttpsPort();
          httpsPortNow.set(httpsPort);
          long loops = proxies.stream().map(GatewayVerticle::eventLoop).distinct().count();
          if (loops < instances) {
            log.warn("{} proxy instances share {} event loop(s)", instances, loops);
          }
          return AdminServer.start(vertx, config.admin().listen(),
                  () -> StatusJson.render(sites, health, routing),
                  () -> HealthMonitor.everySiteUsable(health, sites), registry)
              .compose(admin -> Future.fromCompletionStage(monitor.start(config.selection().probeInterval()))
                  .map(probed -> {
                    List<String> ids = List.of(deploymentId);
                    log.info("ossgate listening on {}:{}{} ({} event loop{}, transport {}), admin on {}:{}",
                        listen.host(), port, httpsListen.map(h -> ", https " + h.host() + ":" + httpsPort).orElse(""),
                        instances, instances == 1 ? "" : "s",
                        TransportChoice.runningOn(vertx), config.admin().listen().host(), admin.port());
                    return new Gateway(vertx, sites, health, routing, monitor, ids, port, httpsPort, admin,
                        (int) loops, ctx.relayMemory());
                  }));
        });
  }

  private static void registerHealthGauges(PrometheusMeterRegistry registry, HealthRegistry health) {
    for (UpstreamHealth h : health.all()) {
      Upstream u = h.upstream();
      String[] tags = {"site", u.siteName(), "endpoint", u.type().configName()};
      Gauge.builder("ossgate_upstream_latency_ms", h, x -> {
        Double ms = x.view().latencyMs();
        return ms == null ? Double.NaN : ms;
      }).description("Peak-EWMA time to response headers").tags(tags).register(registry);
      Gauge.builder("ossgate_upstream_in_flight", h, UpstreamHealth::inFlight)
          .description("Requests in flight").tags(tags).register(registry);
      Gauge.builder("ossgate_upstream_usable", h, x -> x.state().usable() ? 1 : 0)
          .description("1 when the breaker is closed and the upstream eligible").tags(tags).register(registry);
    }
  }

  /**
   * Memory to size a deployment by: the JVM's heap and buffer pools, and the direct memory that
   * bodies stream through, which the heap figures do not show.
   */
  private static void registerMemoryGauges(PrometheusMeterRegistry registry, RelayMemory relayMemory) {
    new JvmMemoryMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("ossgate_direct_memory_bytes", relayMemory, RelayMemory::directBytesInUse)
        .description("Direct memory held by body chunks read from upstreams without copies").tags("pool", "relay")
        .baseUnit("bytes").register(registry);
    Gauge.builder("ossgate_direct_memory_bytes", relayMemory, RelayMemory::directBytesCached)
        .description("Direct memory of released upstream read buffers kept for reuse").tags("pool", "relay_free")
        .baseUnit("bytes").register(registry);
  }

  public int httpPort() {
    return httpPort;
  }

  /** The bound HTTPS port, or -1 when {@code server.https} is not configured. */
  public int httpsPort() {
    return httpsPort;
  }

  public int adminPort() {
    return admin.port();
  }

  public SiteRegistry sites() {
    return sites;
  }

  /** Live health, for tests and the admin page. */
  public HealthRegistry health() {
    return health;
  }

  public Routing routing() {
    return routing;
  }

  /** Runs one round of active probes now (tests use this instead of waiting for the timer). */
  public Future<Void> probeNow() {
    return Future.fromCompletionStage(monitor.probeAll());
  }

  public Future<Void> close() {
    monitor.stop();
    Future<Void> undeployed = Future.succeededFuture();
    for (String id : deployments) {
      undeployed = undeployed.compose(v -> vertx.undeploy(id));
    }
    return undeployed.compose(v -> admin.close());
  }
}
