package io.ossgate.proxy.browser;

import io.ossgate.config.GatewayConfig;
import io.ossgate.config.SiteSettings;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The emulator playing the internet endpoint of {@code demo-bucket} (a default domain, so OSS's
 * forced download applies) and a gateway in front whose site {@code static.test} has the browser
 * settings a test gives. Real loopback sockets; awaits only on the JUnit thread.
 */
final class BrowserSite implements AutoCloseable {

  static final String BUCKET = TestConfigs.BUCKET.value();
  static final String DOMAIN = TestConfigs.DOMAIN;

  private final Emulator emulator;
  private final GatewayHarness harness;

  private BrowserSite(Emulator emulator, GatewayHarness harness) {
    this.emulator = emulator;
    this.harness = harness;
  }

  static BrowserSite start(Vertx vertx, UnaryOperator<SiteSettings> site) {
    Emulator emu = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, TestConfigs.REGION.value())),
        List.of(EndpointSettings.of(EndpointType.INTERNET)))), 10);
    GatewayHarness harness = new GatewayHarness(vertx);
    try {
      GatewayConfig base = TestConfigs.site().endpoint(EndpointType.INTERNET, emu.port(EndpointType.INTERNET)).build();
      harness.start(new GatewayConfig(base.server(), base.admin(), base.upstream(), base.selection(),
          List.of(site.apply(base.sites().get(0)))));
    } catch (RuntimeException e) {
      harness.close();
      Await.on(vertx, emu::close, 10);
      throw e;
    }
    return new BrowserSite(emu, harness);
  }

  Emulator emulator() {
    return emulator;
  }

  GatewayHarness harness() {
    return harness;
  }

  int gatewayPort() {
    return harness.gateway().httpPort();
  }

  /** The bucket's default (internet) domain, which the emulator serves with forced download. */
  String bucketHost() {
    return emulator.bucketHost(BUCKET, EndpointType.INTERNET);
  }

  int emulatorPort() {
    return emulator.port(EndpointType.INTERNET);
  }

  void put(String key, String body, String contentType) {
    emulator.store().put(BUCKET, key, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
  }

  GatewayHarness.Response send(HttpMethod method, String uri) {
    return send(method, uri, req -> { }, null);
  }

  GatewayHarness.Response send(HttpMethod method, String uri, Consumer<HttpClientRequest> prepare, Buffer body) {
    return Await.on(harness.vertx(), () -> harness.request(method, DOMAIN, uri)
        .compose(req -> {
          prepare.accept(req);
          return body == null ? req.send() : req.send(body);
        })
        .compose(resp -> resp.body().map(b -> new GatewayHarness.Response(resp, b))), 20);
  }

  @Override
  public void close() {
    harness.close();
    Await.on(harness.vertx(), emulator::close, 10);
  }
}
