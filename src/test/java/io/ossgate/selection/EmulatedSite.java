package io.ossgate.selection;

import io.ossgate.common.Ticker;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.SelectionSettings;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.Faults;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.Gateway;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The emulator playing some endpoint types of demo-bucket, with the gateway in front. */
final class EmulatedSite implements AutoCloseable {
  final Emulator emulator;
  final GatewayHarness harness;
  final Gateway gateway;

  private EmulatedSite(Emulator emulator, GatewayHarness harness, Gateway gateway) {
    this.emulator = emulator;
    this.harness = harness;
    this.gateway = gateway;
  }

  static EmulatedSite start(Vertx vertx, SelectionSettings selection, Ticker ticker, Duration firstByteTimeout,
      EndpointType... types) {
    Emulator emulator = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(TestConfigs.BUCKET.value(), TestConfigs.REGION.value())),
        Arrays.stream(types).map(EndpointSettings::of).toList())));
    TestConfigs site = TestConfigs.site().selection(selection)
        .timeouts(Duration.ofSeconds(2), firstByteTimeout, Duration.ofSeconds(5));
    for (EndpointType t : types) {
      site.endpoint(t, emulator.port(t));
    }
    GatewayConfig config = site.build();
    GatewayHarness harness = new GatewayHarness(vertx);
    Gateway gateway = Await.on(vertx, () -> Gateway.start(vertx, config, 1, ticker));
    harness.use(gateway);
    return new EmulatedSite(emulator, harness, gateway);
  }

  GatewayHarness.Response get(String uri) {
    return harness.send(HttpMethod.GET, TestConfigs.DOMAIN, uri);
  }

  /** Sets one endpoint's faults; refusing connections closes its listening socket, hence a context. */
  void faults(EndpointType type, Faults faults) {
    Await.on(harness.vertx(), () -> emulator.faults(type).set(faults));
  }

  /** One probe round of every upstream (client I/O, so built on a context). */
  void probeNow() {
    Await.on(harness.vertx(), gateway::probeNow);
  }

  JsonObject status() {
    return new JsonObject(harness.admin("/status").text());
  }

  /** The breaker state the admin page shows for one endpoint type. */
  String breaker(EndpointType type) {
    return status().getJsonArray("sites").getJsonObject(0).getJsonArray("upstreams").stream()
        .map(JsonObject.class::cast)
        .filter(u -> u.getString("type").equals(type.configName()))
        .findFirst().orElseThrow().getString("breaker");
  }

  @Override
  public void close() {
    harness.close();
    Await.on(harness.vertx(), emulator::close);
  }
}
