package io.ossgate.auth;

import io.ossgate.common.Ticker;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.SiteSettings;
import io.ossgate.emulator.BucketAcl;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.Gateway;
import io.ossgate.server.HostEnvironment;
import io.ossgate.signing.Credentials;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A private, signature-verifying emulated bucket ({@code demo-bucket}, bound domain
 * {@code static.test}) with the gateway in front; the site is adjusted by the test.
 */
final class PrivateBucket implements AutoCloseable {

  static final String BUCKET = TestConfigs.BUCKET.value();

  final Emulator emulator;
  final GatewayHarness harness;

  private PrivateBucket(Emulator emulator, GatewayHarness harness) {
    this.emulator = emulator;
    this.harness = harness;
  }

  static Emulator emulator(Vertx vertx, Collection<Credentials> keys, EndpointType... types) {
    return Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, TestConfigs.REGION.value()).withAcl(BucketAcl.PRIVATE)
            .withBoundDomains(List.of(TestConfigs.DOMAIN))),
        Arrays.stream(types).map(EndpointSettings::of).toList()).withKeys(keys)));
  }

  /** The config the gateway would get: TestConfigs with the emulator's ports, site changed by {@code site}. */
  static GatewayConfig config(Emulator emulator, UnaryOperator<SiteSettings> site) {
    TestConfigs c = TestConfigs.site();
    emulator.endpointTypes().forEach(t -> c.endpoint(t, emulator.port(t)));
    GatewayConfig base = c.build();
    return base.withSites(List.of(site.apply(base.sites().get(0))));
  }

  static PrivateBucket start(Vertx vertx, Collection<Credentials> keys, UnaryOperator<SiteSettings> site,
      UnaryOperator<GatewayConfig> more, HostEnvironment host, EndpointType... types) {
    Emulator emulator = emulator(vertx, keys, types);
    GatewayHarness harness = new GatewayHarness(vertx);
    try {
      GatewayConfig config = more.apply(config(emulator, site));
      harness.use(Await.on(vertx, () -> Gateway.start(vertx, config, 1, Ticker.system(), host)));
    } catch (RuntimeException | AssertionError e) {
      harness.close();
      Await.on(vertx, emulator::close);
      throw e;
    }
    return new PrivateBucket(emulator, harness);
  }

  GatewayHarness.Response send(HttpMethod method, String uri) {
    return harness.send(method, TestConfigs.DOMAIN, uri);
  }

  /** A request straight to the emulator's endpoint (bypassing the gateway), with the bucket domain as Host. */
  GatewayHarness.Response direct(EndpointType type, HttpMethod method, String uri, UnaryOperator<HttpClientRequest> prepare) {
    return Await.on(harness.vertx(), () -> harness.client().request(io.ossgate.testing.Requests.to(emulator.port(type),
            emulator.bucketHost(BUCKET, type), method, uri))
        .map(prepare::apply)
        .compose(HttpClientRequest::send)
        .compose(resp -> resp.body().map(b -> new GatewayHarness.Response(resp, b))));
  }

  @Override
  public void close() {
    harness.close();
    Await.on(harness.vertx(), emulator::close);
  }
}
