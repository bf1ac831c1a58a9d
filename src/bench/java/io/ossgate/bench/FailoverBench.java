package io.ossgate.bench;

import io.ossgate.config.GatewayConfig;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.Faults;
import io.ossgate.health.UpstreamHealth;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.Gateway;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failover under load (issue #3): many clients download through ossgate from an emulated bucket
 * with internal (2 ms), accelerate (30 ms) and internet (90 ms) endpoints; part-way through, the
 * endpoint ossgate has chosen is killed (listening socket closed, open connections dropped). Prints
 * requests served, client-visible errors (the target for GETs is 0), and how long traffic took to
 * leave the killed upstream.
 *
 * <p>Run: {@code bash src/bench/run-failover.sh} (knobs: CLIENTS, DURATION_S, KILL_AT, OBJECT_KIB).
 */
public final class FailoverBench {

  record Result(long startNanos, long endNanos, int status, String servedBy, boolean broken) {}

  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(env("CLIENTS", "32"));
    int seconds = Integer.parseInt(env("DURATION_S", "20"));
    int killAt = Integer.parseInt(env("KILL_AT", "8"));
    long objectBytes = Long.parseLong(env("OBJECT_KIB", "1024")) * 1024;

    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    EndpointType[] types = {EndpointType.INTERNAL, EndpointType.ACCELERATE, EndpointType.INTERNET};
    Emulator emu = Emulator.start(vertx, EmulatorSettings.of(
            List.of(BucketSettings.of(TestConfigs.BUCKET.value(), TestConfigs.REGION.value())),
            List.of(EndpointSettings.of(types[0]), EndpointSettings.of(types[1]), EndpointSettings.of(types[2]))))
        .await(10, TimeUnit.SECONDS);
    int[] latencyMs = {2, 30, 90};
    for (int i = 0; i < types.length; i++) {
      emu.faults(types[i]).set(Faults.none().withLatency(Duration.ofMillis(latencyMs[i]))).await(5, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 16; i++) {
      emu.store().putGenerated(TestConfigs.BUCKET.value(), "obj-" + i, objectBytes, i, "application/octet-stream");
    }
    TestConfigs site = TestConfigs.site().selection(io.ossgate.config.SelectionSettings.defaults())
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    for (EndpointType t : types) {
      site.endpoint(t, emu.port(t));
    }
    GatewayConfig config = site.build();
    Gateway gateway = Gateway.start(vertx, config, 2).await(20, TimeUnit.SECONDS);
    Site theSite = gateway.sites().sites().get(0);

    HttpClientAgent client = vertx.httpClientBuilder()
        .with(new HttpClientOptions().setKeepAlive(true))
        .with(new PoolOptions().setHttp1MaxSize(clients))
        .build();
    ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Promise<Void> done = Promise.promise();
      int id = c;
      vertx.runOnContext(v -> loop(client, gateway.httpPort(), id, 0, deadline, results, done));
      loops.add(done.future());
    }

    // Kill the chosen upstream part-way through.
    Thread.sleep(TimeUnit.SECONDS.toMillis(killAt)); // the benchmark's own schedule, not a test wait
    Upstream victim = gateway.routing().currentChoice(theSite).orElse(theSite.upstreams().get(0));
    UpstreamHealth victimHealth = gateway.health().health(victim);
    long killNanos = System.nanoTime();
    emu.faults(victim.type()).set(Faults.none().withRefuseConnections(true)).await(5, TimeUnit.SECONDS);
    // Watch the killed upstream's attempt counter: when it stops moving, traffic has left it.
    long lastMove = killNanos;
    long seen = victimHealth.view().requests();
    while (System.nanoTime() < deadline) {
      Thread.sleep(50);
      long now = victimHealth.view().requests();
      if (now != seen) {
        seen = now;
        lastMove = System.nanoTime();
      }
    }
    Future.all(loops).await(30, TimeUnit.SECONDS);

    report(results, t0, killNanos, lastMove, victim, clients, seconds, objectBytes);
    client.close();
    gateway.close().await(10, TimeUnit.SECONDS);
    emu.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static void loop(HttpClientAgent client, int port, int id, int n, long deadline,
      ConcurrentLinkedQueue<Result> results, Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    AtomicLong bytes = new AtomicLong();
    client.request(io.ossgate.testing.Requests.to(port, TestConfigs.DOMAIN, HttpMethod.GET, "/obj-" + ((id + n) % 16)))
        .compose(req -> req.send())
        .compose(resp -> {
          resp.handler(b -> bytes.addAndGet(b.length()));
          return resp.end().map(v -> resp);
        })
        .onComplete(ar -> {
          if (ar.succeeded()) {
            results.add(new Result(start, System.nanoTime(), ar.result().statusCode(),
                ar.result().getHeader("X-Ossgate-Endpoint"), false));
          } else {
            results.add(new Result(start, System.nanoTime(), 0, null, true));
          }
          loop(client, port, id, n + 1, deadline, results, done);
        });
  }

  private static void report(ConcurrentLinkedQueue<Result> results, long t0, long killNanos, long lastMove,
      Upstream victim, int clients, int seconds, long objectBytes) {
    long ok = results.stream().filter(r -> r.status == 200).count();
    long errors = results.stream().filter(r -> r.broken || r.status != 200).count();
    Map<String, Long> before = new TreeMap<>();
    Map<String, Long> after = new TreeMap<>();
    List<Long> transition = new ArrayList<>();
    for (Result r : results) {
      if (r.status == 200) {
        (r.startNanos < killNanos ? before : after).merge(r.servedBy, 1L, Long::sum);
      }
      if (r.startNanos >= killNanos - TimeUnit.SECONDS.toNanos(1) && r.startNanos <= killNanos + TimeUnit.SECONDS.toNanos(2)) {
        transition.add(r.endNanos - r.startNanos);
      }
    }
    transition.sort(null);
    System.out.println();
    System.out.println("## Failover under load");
    System.out.printf("%d clients, %d s, %d KiB objects; killed '%s' (the chosen upstream) at +%.1f s%n", clients,
        seconds, objectBytes / 1024, victim.type().configName(), (killNanos - t0) / 1e9);
    System.out.println();
    System.out.println("| figure | value |");
    System.out.println("|---|---|");
    System.out.printf("| requests served (200, complete) | %d |%n", ok);
    System.out.printf("| client-visible errors | %d |%n", errors);
    System.out.printf("| served before the kill, by endpoint | %s |%n", before);
    System.out.printf("| served after the kill, by endpoint | %s |%n", after);
    System.out.printf("| last attempt on the killed upstream | +%d ms after the kill |%n",
        TimeUnit.NANOSECONDS.toMillis(lastMove - killNanos));
    if (!transition.isEmpty()) {
      System.out.printf("| request time around the kill (-1 s..+2 s): p50 / p99 / max | %.1f / %.1f / %.1f ms |%n",
          pct(transition, 50), pct(transition, 99), transition.get(transition.size() - 1) / 1e6);
    }
  }

  private static double pct(List<Long> sorted, int p) {
    int i = (int) Math.min(sorted.size() - 1, Math.round(p / 100.0 * (sorted.size() - 1)));
    return sorted.get(i) / 1e6;
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
