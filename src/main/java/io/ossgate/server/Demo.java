package io.ossgate.server;

import io.ossgate.config.AdminSettings;
import io.ossgate.config.AuthMode;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.config.PreviewMode;
import io.ossgate.config.SelectionSettings;
import io.ossgate.config.ServerSettings;
import io.ossgate.config.SiteSettings;
import io.ossgate.config.UpstreamSettings;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.Faults;
import io.ossgate.emulator.StoredObject;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running demo: the emulator playing three endpoint types of {@code demo-bucket} at different
 * latencies, seeded with sample objects, and the gateway in front of it for {@code demo.localhost}.
 * Everything runs on the given Vert.x instance; {@link #close()} stops the gateway, then the
 * emulator, and leaves Vert.x open (its owner closes it).
 */
public final class Demo {

  static final String SITE = "demo";
  static final String DOMAIN = "demo.localhost";
  static final String LOOPBACK = "127.0.0.1";

  /** The emulated endpoints in preference order, with the latency each one injects. */
  static final Map<EndpointType, Duration> LATENCIES = latencies();

  private final Emulator emulator;
  private final Gateway gateway;
  private final String instructions;

  private Demo(Emulator emulator, Gateway gateway, String instructions) {
    this.emulator = emulator;
    this.gateway = gateway;
    this.instructions = instructions;
  }

  /**
   * Starts the emulator (endpoints and control API on free loopback ports), seeds it, then the
   * gateway on {@code 127.0.0.1:port} with its admin listener on {@code 127.0.0.1:adminPort}.
   * A port of 0 means any free port. If the gateway cannot start, the emulator is closed again.
   */
  public static Future<Demo> start(Vertx vertx, int port, int adminPort, int controlPort, int instances) {
    List<EndpointSettings> endpoints = LATENCIES.entrySet().stream()
        .map(e -> new EndpointSettings(e.getKey(), 0, Faults.none().withLatency(e.getValue())))
        .toList();
    EmulatorSettings settings = EmulatorSettings.of(
            List.of(BucketSettings.of(DemoContent.BUCKET, DemoContent.REGION)), endpoints)
        .withBindHost(LOOPBACK)
        .withControlPort(controlPort);
    return vertx.executeBlocking(DemoContent::render)
        .compose(content -> Emulator.start(vertx, settings).compose(emulator -> {
          StoredObject big = content.seed(emulator.store());
          GatewayConfig config = gatewayConfig(emulator, port, adminPort);
          // The large object's CRC before the gateway's first probes: its first download must not
          // wait for it, or internal would look slow for the decay time after it (a 182 ms peak).
          return big.prepareCrc64(vertx)
              .compose(v -> Gateway.start(vertx, config, instances))
              .map(gateway -> new Demo(emulator, gateway,
                  DemoInstructions.render(emulator, gateway, emulator.controlPort().orElse(-1))))
              .recover(e -> emulator.close().transform(ar -> Future.failedFuture(e)));
        }));
  }

  /** The demo with the defaults of {@code ossgate demo}'s options but free ports: for tests. */
  public static Future<Demo> start(Vertx vertx, int port, int adminPort) {
    return start(vertx, port, adminPort, 0, 1);
  }

  /** The gateway configuration: one site whose upstream hosts are pinned to the emulator's ports. */
  static GatewayConfig gatewayConfig(Emulator emulator, int port, int adminPort) {
    Map<String, HostPort> resolve = new LinkedHashMap<>();
    for (EndpointType type : emulator.endpointTypes()) {
      resolve.put(emulator.bucketHost(DemoContent.BUCKET, type), new HostPort(LOOPBACK, emulator.port(type)));
    }
    SiteSettings site = new SiteSettings(SITE, List.of(DOMAIN), BucketName.of(DemoContent.BUCKET),
        RegionId.of(DemoContent.REGION), List.copyOf(LATENCIES.keySet()), AuthMode.PASSTHROUGH,
        PreviewMode.INLINE, Optional.empty())
        // Browsers opening http://demo.localhost:PORT/ get the page, not the bucket listing.
        .withBrowser(new io.ossgate.config.BrowserSettings(Optional.of(DemoContent.INDEX), Optional.empty(), Optional.empty()));
    return new GatewayConfig(new ServerSettings(new HostPort(LOOPBACK, port)),
        new AdminSettings(new HostPort(LOOPBACK, adminPort)), upstream(resolve),
        SelectionSettings.defaults(), List.of(site));
  }

  /** Plain HTTP to the emulator, the usual timeouts, and the given host pins. */
  static UpstreamSettings upstream(Map<String, HostPort> resolve) {
    UpstreamSettings d = UpstreamSettings.defaults();
    return new UpstreamSettings(UpstreamSettings.Scheme.HTTP, d.connectTimeout(), d.firstByteTimeout(),
        d.idleTimeout(), List.of(), resolve);
  }

  private static Map<EndpointType, Duration> latencies() {
    Map<EndpointType, Duration> m = new LinkedHashMap<>();
    m.put(EndpointType.INTERNAL, Duration.ofMillis(2));
    m.put(EndpointType.ACCELERATE, Duration.ofMillis(30));
    m.put(EndpointType.INTERNET, Duration.ofMillis(90));
    return java.util.Collections.unmodifiableMap(m);
  }

  public Emulator emulator() {
    return emulator;
  }

  public Gateway gateway() {
    return gateway;
  }

  /** What to open and curl, with the real ports. */
  public String instructions() {
    return instructions;
  }

  /** Stops the gateway first (so no request reaches a closed emulator), then the emulator. */
  public Future<Void> close() {
    return gateway.close().transform(ar -> emulator.close());
  }
}
