package io.ossgate.server;

import io.ossgate.health.HealthRegistry;
import io.ossgate.health.Prober;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules active probes: every {@code probe-interval}, one probe per upstream. The probing
 * itself ({@link Prober#probeOnce}) is a plain method, so tests call it directly instead of waiting.
 */
final class HealthMonitor {
  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

  private final Vertx vertx;
  private final Prober prober;
  private final io.ossgate.health.ProbeTransport transport;
  private final Duration probeTimeout;
  private final List<Upstream> upstreams = new ArrayList<>();
  private long timer = -1;

  HealthMonitor(Vertx vertx, Prober prober, io.ossgate.health.ProbeTransport transport, Duration probeTimeout,
      SiteRegistry sites) {
    this.vertx = vertx;
    this.prober = prober;
    this.transport = transport;
    this.probeTimeout = probeTimeout;
    for (Site site : sites.sites()) {
      upstreams.addAll(site.upstreams());
    }
  }

  /**
   * Starts periodic probes. The returned stage completes when the first round has finished (each
   * probe is bounded by {@code probe-timeout}), so the gateway starts with measured upstreams.
   */
  CompletableFuture<Void> start(Duration interval) {
    if (interval.isZero()) {
      log.info("active probes disabled (selection.probe-interval: 0s)");
      return CompletableFuture.completedFuture(null);
    }
    timer = vertx.setPeriodic(interval.toMillis(), id -> probeAll());
    return warmUp().thenCompose(v -> probeAll());
  }

  /**
   * One unmeasured round first: it opens the pooled connections and warms the code path, so the
   * first measured samples (probes' and requests') are not cold-start peaks, which Peak-EWMA
   * would keep for about {@code decay}.
   */
  private CompletableFuture<Void> warmUp() {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Upstream u : upstreams) {
      all.add(transport.warmUp(u, probeTimeout).toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /** Probes every upstream once; completes when all probes have finished (they never fail). */
  CompletableFuture<Void> probeAll() {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Upstream u : upstreams) {
      all.add(prober.probeOnce(u).whenComplete((result, err) -> {
        if (err != null) {
          log.debug("probe of {} failed: {}", u, err.toString());
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  static boolean everySiteUsable(HealthRegistry health, SiteRegistry sites) {
    for (Site site : sites.sites()) {
      boolean any = health.snapshot(site).views().stream().anyMatch(v -> v.usable());
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
