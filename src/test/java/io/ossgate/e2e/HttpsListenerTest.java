package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.config.HttpsSettings;
import io.ossgate.config.ServerSettings;
import io.ossgate.config.SiteSettings;
import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.GeneratedContent;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.PatternBody;
import io.ossgate.testing.TestCerts;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener with real clients: the certificate follows SNI, ALPN gives HTTP/2, requests
 * are found by {@code :authority} and proxied, large bodies stream both ways over h2, and a site
 * with {@code https-redirect} sends plain HTTP to HTTPS. curl checks the same from outside the JVM.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class HttpsListenerTest {

  private static final String BUCKET = TestConfigs.BUCKET.value();
  private static final byte[] HELLO = "hello over tls".getBytes(StandardCharsets.UTF_8);

  // Key generation is the slow part: one set of certificates for the whole class.
  private static TestCerts a;
  private static TestCerts b;
  private static TestCerts r;
  private Emulator emulator;
  private GatewayHarness harness;
  private HttpClientAgent h2;
  private Vertx vertx;

  @BeforeAll
  static void certificates() {
    a = TestCerts.create("a.test");
    b = TestCerts.create("b.test");
    r = TestCerts.create("r.test");
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    emulator = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, TestConfigs.REGION.value())), List.of(EndpointSettings.of(INTERNAL)))), 10);
    emulator.store().put(BUCKET, "hello.txt", HELLO, "text/plain");
    GatewayConfig base = TestConfigs.site().endpoint(INTERNAL, emulator.port(INTERNAL)).build();
    SiteSettings s = base.sites().get(0);
    SiteSettings both = new SiteSettings("static", List.of("a.test", "b.test"), s.bucket(), s.region(), s.endpoints(),
        s.auth(), s.preview(), s.policy());
    SiteSettings redirecting = new SiteSettings("secure", List.of("r.test"), s.bucket(), s.region(), s.endpoints(),
        s.auth(), s.preview(), s.policy()).withHttpsRedirect(true);
    HttpsSettings https = new HttpsSettings(new HostPort("127.0.0.1", 0),
        List.of(a.asConfig(), b.asConfig(), r.asConfig()));
    GatewayConfig config = new GatewayConfig(new ServerSettings(base.server().http(), Optional.of(https)),
        base.admin(), base.upstream(), base.selection(), List.of(both, redirecting));
    harness = new GatewayHarness(vertx);
    harness.start(config);
    PemTrustOptions trust = a.trust().addCertPath(b.cert().toString()).addCertPath(r.cert().toString());
    h2 = io.ossgate.testing.TestClients.create(vertx, new HttpClientOptions()
        .setSsl(true).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2)
        .setVerifyHost(true).setForceSni(true).setTrustOptions(trust));
  }

  @AfterEach
  void tearDown() {
    Await.on(vertx, h2::close, 10);
    harness.close();
    Await.on(vertx, emulator::close, 10);
  }

  private record Answer(HttpClientResponse resp, Buffer body, X509Certificate peer) {}

  private Future<HttpClientRequest> open(HttpMethod method, String host, String uri) {
    int port = harness.gateway().httpsPort();
    return h2.request(new RequestOptions().setMethod(method).setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
        .setHost(host).setPort(port).setURI(uri));
  }

  private Answer call(HttpMethod method, String host, String uri, Buffer body) {
    return Await.on(vertx, () -> open(method, host, uri)
        .compose(req -> (body == null ? req.send() : req.send(body))
            .compose(resp -> resp.body().map(buf -> new Answer(resp, buf, leaf(req))))), 20);
  }

  private static X509Certificate leaf(HttpClientRequest req) {
    try {
      List<Certificate> chain = req.connection().peerCertificates();
      return (X509Certificate) chain.get(0);
    } catch (Exception e) {
      throw new AssertionError("no peer certificate", e);
    }
  }

  @Test
  void sniChoosesTheCertificateAndAlpnGivesHttp2() {
    for (String host : List.of("a.test", "b.test")) {
      Answer got = call(HttpMethod.GET, host, "/hello.txt", null);
      assertThat(got.peer().getSubjectX500Principal().getName()).as("certificate for %s", host).isEqualTo("CN=" + host);
      assertThat(got.resp().version()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(got.resp().statusCode()).isEqualTo(200);
      assertThat(got.resp().getHeader("X-Ossgate-Endpoint")).isEqualTo("internal");
      assertThat(got.body().getBytes()).isEqualTo(HELLO);
      RecordedRequest up = Await.of(emulator.requests().next(x -> true), 10);
      assertThat(up.host()).isEqualTo(TestConfigs.host(INTERNAL));
      assertThat(up.uri()).isEqualTo("/hello.txt");
      assertThat(up.header("X-Forwarded-Proto")).contains("https");
      assertThat(up.header("Transfer-Encoding")).as("a GET over h2 has no body to send").isEmpty();
      assertThat(up.header("Content-Length")).isEmpty();
      emulator.requests().clear();
    }
  }

  @Test
  void largeDownloadStreamsOverHttp2() {
    long size = 24L << 20;
    long seed = 7;
    emulator.store().putGenerated(BUCKET, "big.bin", size, seed, "application/octet-stream");
    AtomicLong received = new AtomicLong();
    AtomicReference<HttpClientResponse> head = new AtomicReference<>();
    String sha = Await.on(vertx, () -> open(HttpMethod.GET, "a.test", "/big.bin")
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          head.set(resp);
          return GatewayWithEmulator.digest(resp, received);
        }), 50);
    assertThat(head.get().version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(head.get().statusCode()).isEqualTo(200);
    assertThat(head.get().getHeader("Content-Length")).isEqualTo(Long.toString(size));
    assertThat(received).hasValue(size);
    assertThat(sha).isEqualTo(Digests.hex(GeneratedContent.sha256(seed, size)));
  }

  @Test
  void uploadsOverHttp2WithAndWithoutContentLength() {
    byte[] small = "sized upload".getBytes(StandardCharsets.UTF_8);
    Answer sized = call(HttpMethod.PUT, "a.test", "/sized.txt", Buffer.buffer(small));
    assertThat(sized.resp().statusCode()).isEqualTo(200);
    assertThat(emulator.store().get(BUCKET, "sized.txt")).hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(small.length));

    // An h2 client streaming a body of unknown length sends no Content-Length at all.
    PatternBody body = new PatternBody(8L << 20, 3);
    HttpClientResponse resp = Await.on(vertx, () -> open(HttpMethod.PUT, "b.test", "/streamed.bin").compose(req -> {
      req.setChunked(true);
      body.writeTo(req, new AtomicLong());
      return req.response();
    }), 40);
    assertThat(resp.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(emulator.store().get(BUCKET, "streamed.bin")).hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(body.size()));
    RecordedRequest up = emulator.requests().all().stream().filter(x -> x.uri().equals("/streamed.bin")).findFirst().orElseThrow();
    assertThat(up.bodySha256()).isEqualTo(body.sha256());
  }

  @Test
  void gatewayErrorsOverHttp2KeepTheConnection() {
    // TLS and SNI for a.test, but :authority names a domain no site has.
    Answer unknown = Await.on(vertx, () -> open(HttpMethod.PUT, "a.test", "/x")
        .compose(req -> req.authority(HostAndPort.authority("unknown.test")).send(Buffer.buffer(new byte[100_000]))
            .compose(resp -> resp.body().map(buf -> new Answer(resp, buf, leaf(req))))), 20);
    assertThat(unknown.resp().version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(unknown.resp().statusCode()).isEqualTo(404);
    assertThat(unknown.body().toString()).contains("DomainNotConfigured").contains("unknown.test");
    assertThat(unknown.resp().getHeader("Connection")).isNull();
    // The same h2 connection still serves the next request.
    Answer next = call(HttpMethod.GET, "a.test", "/hello.txt", null);
    assertThat(next.resp().statusCode()).isEqualTo(200);
    assertThat(next.body().getBytes()).isEqualTo(HELLO);
  }

  @Test
  void httpsRedirectSendsPlainHttpToTheHttpsListener() {
    int httpsPort = harness.gateway().httpsPort();
    String uri = "/dir%2Fa+b/%E4%B8%AD.txt?x-oss-process=image/resize,w_100&a=%20b";
    GatewayHarness.Response get = harness.send(HttpMethod.GET, "r.test", uri);
    assertThat(get.status()).isEqualTo(301);
    assertThat(get.header("Location")).isEqualTo("https://r.test:" + httpsPort + uri);
    GatewayHarness.Response put = Await.on(vertx, () -> harness.client()
        .request(io.ossgate.testing.Requests.to(harness.gateway().httpPort(), "R.Test:8080", HttpMethod.PUT, "/k?acl"))
        .compose(req -> req.send(Buffer.buffer("body")))
        .compose(resp -> resp.body().map(buf -> new GatewayHarness.Response(resp, buf))), 20);
    assertThat(put.status()).isEqualTo(308);
    assertThat(put.header("Location")).isEqualTo("https://r.test:" + httpsPort + "/k?acl");
    assertThat(emulator.requests().all()).as("redirects never reach an upstream").isEmpty();

    // Over HTTPS the same site is proxied; sites without the setting are proxied over plain HTTP.
    Answer secure = call(HttpMethod.GET, "r.test", "/hello.txt", null);
    assertThat(secure.resp().statusCode()).isEqualTo(200);
    assertThat(secure.body().getBytes()).isEqualTo(HELLO);
    assertThat(harness.send(HttpMethod.GET, "a.test", "/hello.txt").status()).isEqualTo(200);
  }

  @Test
  void curlSpeaksHttp2AndSeesTheRightCertificate(@TempDir Path dir) throws Exception {
    int port = harness.gateway().httpsPort();
    for (TestCerts cert : List.of(a, b)) {
      Path body = dir.resolve(cert.host() + ".body");
      // --cacert trusts only this host's certificate: the handshake fails unless SNI picked it.
      List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http2", "--max-time", "20",
          "--resolve", cert.host() + ":" + port + ":127.0.0.1", "--cacert", cert.cert().toString(),
          "-o", body.toString(), "-D", "-", "-w", "\n%{http_version} %{http_code}",
          "https://" + cert.host() + ":" + port + "/hello.txt"));
      String out = run(command, dir);
      assertThat(out).as("curl output").endsWith("\n2 200");
      assertThat(out.toLowerCase()).contains("x-ossgate-endpoint: internal");
      assertThat(Files.readAllBytes(body)).isEqualTo(HELLO);
    }
  }

  private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("curl did not finish: " + command);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("curl exit status; output:\n%s", out).isZero();
    return out;
  }
}
