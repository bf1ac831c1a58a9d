package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.GatewayConfig;
import io.ossgate.config.UpstreamSettings;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestCerts;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gateway → emulator over HTTPS, pinned to 127.0.0.1 with {@code upstream.resolve}: the handshake
 * uses the bucket domain for SNI and host name verification, and {@code upstream.ca-file} adds a
 * CA to the system trust store. An untrusted or mismatched certificate is a clear 502.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class UpstreamHttpsTest {

  private static final String BUCKET = TestConfigs.BUCKET.value();
  private static TestCerts bucketCert;
  private static TestCerts otherName;

  private Emulator emulator;
  private GatewayHarness harness;

  @BeforeAll
  static void certificates() {
    // Self-signed, so the certificate is its own CA: the ca-file is the certificate itself.
    bucketCert = TestCerts.create(TestConfigs.host(INTERNAL));
    otherName = TestCerts.create("not-the-bucket.example");
  }

  @AfterEach
  void tearDown(Vertx vertx) {
    if (harness != null) {
      harness.close();
    }
    if (emulator != null) {
      Await.on(vertx, emulator::close, 10);
    }
  }

  private void start(Vertx vertx, TestCerts served, Optional<Path> caFile) {
    emulator = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, TestConfigs.REGION.value())),
        List.of(EndpointSettings.of(INTERNAL).withTls(served.keyCert())))), 10);
    emulator.store().put(BUCKET, "k.txt", "secret-free bytes".getBytes(StandardCharsets.UTF_8), "text/plain");
    GatewayConfig base = TestConfigs.site().endpoint(INTERNAL, emulator.port(INTERNAL)).build();
    UpstreamSettings u = base.upstream();
    // A generous connect timeout: it covers the handshake, and the JVM's first one is slow on a busy machine.
    UpstreamSettings https = new UpstreamSettings(UpstreamSettings.Scheme.HTTPS, java.time.Duration.ofSeconds(10),
        u.firstByteTimeout(), u.idleTimeout(), u.dnsServers(), u.resolve(), caFile);
    harness = new GatewayHarness(vertx);
    harness.start(new GatewayConfig(base.server(), base.admin(), https, base.selection(), base.sites()));
  }

  @Test
  void caFileIsTrustedAndSniIsTheBucketDomain(Vertx vertx) {
    start(vertx, bucketCert, Optional.of(bucketCert.cert()));
    GatewayHarness.Response got = harness.send(HttpMethod.GET, TestConfigs.DOMAIN, "/k.txt");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.text()).isEqualTo("secret-free bytes");
    assertThat(got.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    RecordedRequest up = Await.of(emulator.requests().next(x -> true), 10);
    assertThat(up.host()).isEqualTo(TestConfigs.host(INTERNAL));
  }

  @Test
  void untrustedCertificateIsA502(Vertx vertx) {
    start(vertx, bucketCert, Optional.empty());
    GatewayHarness.Response got = harness.send(HttpMethod.GET, TestConfigs.DOMAIN, "/k.txt");
    assertThat(got.status()).isEqualTo(502);
    assertThat(got.text()).contains("UpstreamUnavailable")
        .contains("TLS handshake failed").contains("not trusted").contains("upstream.ca-file");
    assertThat(emulator.requests().all()).isEmpty();
  }

  @Test
  void certificateForAnotherNameIsA502EvenWhenTrusted(Vertx vertx) {
    start(vertx, otherName, Optional.of(otherName.cert()));
    GatewayHarness.Response got = harness.send(HttpMethod.GET, TestConfigs.DOMAIN, "/k.txt");
    assertThat(got.status()).isEqualTo(502);
    assertThat(got.text()).contains("TLS handshake failed").contains("No name matching " + TestConfigs.host(INTERNAL));
    assertThat(emulator.requests().all()).isEmpty();
  }
}
