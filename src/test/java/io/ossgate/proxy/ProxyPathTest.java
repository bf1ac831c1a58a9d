package io.ossgate.proxy;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What reaches the upstream, and what the gateway answers itself. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class ProxyPathTest {

  private GatewayHarness h;

  @BeforeEach
  void setUp(Vertx vertx) {
    h = new GatewayHarness(vertx);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  record Seen(String method, String uri, MultiMap headers) {}

  private int recordingOrigin(AtomicReference<Seen> seen) {
    return h.origin(req -> {
      seen.set(new Seen(req.method().name(), req.uri(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers())));
      req.response()
          .putHeader("x-oss-request-id", "5F1E2D3C4B5A69788796A5B4")
          .putHeader("ETag", "\"ABC\"")
          .putHeader("Keep-Alive", "timeout=5")
          .end("hello");
    });
  }

  @Test
  void forwardsPathQueryAndEndToEndHeadersUntouched() {
    AtomicReference<Seen> seen = new AtomicReference<>();
    int port = recordingOrigin(seen);
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());
    // Unsorted, repeated, empty and percent-encoded parameters: a V4 signature covers all of them.
    String uri = "/dir/a%20b+c/%E4%B8%AD.txt?x-oss-process=image%2Fresize%2Cw_100&b=2&a&empty=&b=1&%2Bp=v%7C";

    GatewayHarness.Response resp = Await.on(h.vertx(), () -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, uri)
        .compose(req -> req
            .putHeader("x-oss-meta-author", "alice")
            .putHeader("Content-Type", "text/plain")
            .putHeader("Authorization", "OSS ak:signature")
            .putHeader("Proxy-Connection", "keep-alive")
            .putHeader("Connection", "keep-alive, X-Hop")
            .putHeader("X-Hop", "must not pass")
            .send())
        .compose(r -> r.body().map(b -> new GatewayHarness.Response(r, b))), 10);

    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.text()).isEqualTo("hello");
    assertThat(resp.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    assertThat(resp.header("x-oss-request-id")).isEqualTo("5F1E2D3C4B5A69788796A5B4");
    assertThat(resp.header("ETag")).isEqualTo("\"ABC\"");
    assertThat(resp.header("Keep-Alive")).as("hop-by-hop response header").isNull();

    Seen up = seen.get();
    assertThat(up.uri()).isEqualTo(uri);
    assertThat(up.headers().get("Host")).isEqualTo(TestConfigs.host(INTERNAL));
    assertThat(up.headers().get("x-oss-meta-author")).isEqualTo("alice");
    assertThat(up.headers().get("Content-Type")).isEqualTo("text/plain");
    assertThat(up.headers().get("Authorization")).isEqualTo("OSS ak:signature");
    assertThat(up.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(up.headers().get("X-Forwarded-Host")).isEqualTo(TestConfigs.DOMAIN);
    assertThat(up.headers().get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(up.headers().contains("Proxy-Connection")).isFalse();
    assertThat(up.headers().contains("X-Hop")).isFalse();
  }

  @Test
  void headIsForwardedAsHeadWithItsContentLength() {
    AtomicReference<String> method = new AtomicReference<>();
    int port = h.origin(req -> {
      method.set(req.method().name());
      req.response().putHeader("Content-Length", "12345").end();
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    GatewayHarness.Response resp = h.send(HttpMethod.HEAD, TestConfigs.DOMAIN, "/k");

    assertThat(method.get()).isEqualTo("HEAD");
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.header("Content-Length")).isEqualTo("12345");
    assertThat(resp.body().length()).isZero();
  }

  @Test
  void unknownHostGets404XmlAndNothingIsForwarded() {
    AtomicInteger hits = new AtomicInteger();
    int port = h.origin(req -> {
      if (!req.path().equals(io.ossgate.upstream.LoopProbeTransport.PROBE_PATH)) {
        hits.incrementAndGet();
      }
      req.response().end();
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    GatewayHarness.Response resp = h.send(HttpMethod.GET, "evil.example.com", "/k");

    assertThat(resp.status()).isEqualTo(404);
    assertThat(resp.header("Content-Type")).isEqualTo("application/xml");
    assertThat(resp.header("x-oss-request-id")).hasSize(24);
    assertThat(resp.text()).contains("<Code>DomainNotConfigured</Code>").contains("evil.example.com");
    assertThat(hits).hasValue(0);
  }

  @Test
  void defaultBucketDomainAndAbsoluteFormReachTheSite() {
    AtomicReference<Seen> seen = new AtomicReference<>();
    int port = recordingOrigin(seen);
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    // Transparent mode: an SDK pointed at the gateway with the bucket's own internet domain.
    GatewayHarness.Response byDefaultDomain = h.send(HttpMethod.GET, TestConfigs.host(INTERNET), "/k?x=1");
    assertThat(byDefaultDomain.status()).isEqualTo(200);
    assertThat(seen.get().uri()).isEqualTo("/k?x=1");

    // HTTP-proxy mode: absolute-form request-target.
    String absolute = "http://" + TestConfigs.host(INTERNET) + "/key%2B1?versionId=v1";
    GatewayHarness.Response viaProxy = Await.on(h.vertx(), () -> h.client()
        .request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(h.gateway().httpPort()).setURI(absolute))
        .compose(HttpClientRequest::send)
        .compose(r -> r.body().map(b -> new GatewayHarness.Response(r, b))), 10);
    assertThat(viaProxy.status()).isEqualTo(200);
    assertThat(seen.get().uri()).isEqualTo("/key%2B1?versionId=v1");
    assertThat(seen.get().headers().get("Host")).isEqualTo(TestConfigs.host(INTERNAL));
  }

  @Test
  void connectIsRefusedWithAClearError() {
    int port = h.origin(req -> req.response().end());
    h.start(TestConfigs.site().endpoint(INTERNAL, port).build());

    GatewayHarness.Response resp = h.send(HttpMethod.CONNECT, TestConfigs.DOMAIN, TestConfigs.DOMAIN + ":443");

    assertThat(resp.status()).isEqualTo(405);
    assertThat(resp.text()).contains("<Code>ConnectNotSupported</Code>");
  }

  @Test
  void refusedUpstreamGives502NamingTheUpstream() {
    h.start(TestConfigs.site().endpoint(INTERNAL, h.closedPort()).build());

    GatewayHarness.Response resp = h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/k");

    assertThat(resp.status()).isEqualTo(502);
    assertThat(resp.header("Content-Type")).isEqualTo("application/xml");
    assertThat(resp.text())
        .contains("<Code>UpstreamUnavailable</Code>")
        .contains(TestConfigs.host(INTERNAL))
        .contains("connect");
  }

  @Test
  void failsOverToTheNextUpstreamWhenTheFirstRefuses() {
    int internet = h.origin(req -> req.response().end("from internet"));
    h.start(TestConfigs.site().endpoint(INTERNAL, h.closedPort()).endpoint(INTERNET, internet).build());

    GatewayHarness.Response resp = h.send(HttpMethod.GET, TestConfigs.DOMAIN, "/k");

    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.text()).isEqualTo("from internet");
    assertThat(resp.header("X-Ossgate-Endpoint")).isEqualTo("internet");
  }

  @Test
  void everyAttemptSendsOneHostNamingItsOwnUpstreamAndTheSameOtherHeaders() {
    List<String> seen = new CopyOnWriteArrayList<>();
    int internal = h.origin(req -> {
      record(req, "internal", seen);
      req.response().setStatusCode(503).end();
    });
    int internet = h.origin(req -> {
      record(req, "internet", seen);
      req.response().end("from internet");
    });
    h.start(TestConfigs.site().endpoint(INTERNAL, internal).endpoint(INTERNET, internet).build());

    GatewayHarness.Response resp = Await.on(h.vertx(), () -> h.request(HttpMethod.GET, TestConfigs.DOMAIN, "/k")
        .compose(req -> req.putHeader("x-oss-meta-author", "alice").send())
        .compose(r -> r.body().map(b -> new GatewayHarness.Response(r, b))), 10);

    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.text()).isEqualTo("from internet");
    // The attempts share the outbound headers; the Host of each is its own.
    assertThat(seen).containsExactly(
        "internal Host=[" + TestConfigs.host(INTERNAL) + "] author=alice forwarded-for=127.0.0.1",
        "internet Host=[" + TestConfigs.host(INTERNET) + "] author=alice forwarded-for=127.0.0.1");
  }

  private static void record(HttpServerRequest req, String upstream, List<String> seen) {
    if (!req.path().equals(io.ossgate.upstream.LoopProbeTransport.PROBE_PATH)) {
      seen.add(upstream + " Host=" + req.headers().getAll("Host") + " author=" + req.getHeader("x-oss-meta-author")
          + " forwarded-for=" + String.join("|", req.headers().getAll("X-Forwarded-For")));
    }
  }
}
