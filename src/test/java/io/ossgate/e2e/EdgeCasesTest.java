package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.GatewayHarness.Response;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Request shapes at the edges of HTTP: empty bodies, odd paths, other ways of naming the site. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class EdgeCasesTest {

  private GatewayWithEmulator g;

  @BeforeEach
  void setUp(Vertx vertx) {
    g = GatewayWithEmulator.start(vertx, INTERNAL, INTERNET);
    g.emulator().store().put(GatewayWithEmulator.BUCKET, "k.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  @Test
  void emptyPutCreatesAnEmptyObject() {
    Response put = g.send(HttpMethod.PUT, "/empty.txt", req -> req.putHeader("Content-Length", "0"), null);
    assertThat(put.status()).isEqualTo(200);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, "/empty.txt");
    assertThat(up.bodyBytes()).isZero();
    Response get = g.send(HttpMethod.GET, "/empty.txt");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Content-Length")).isEqualTo("0");
    g.onlyUpstreamRequest(HttpMethod.GET, "/empty.txt");
  }

  @Test
  void expectContinuePutThroughTheGateway() {
    byte[] body = new byte[200_000];
    Response put = Await.on(g.vertx(), () -> g.request(HttpMethod.PUT, "/continued.bin").compose(req -> {
      req.putHeader("Expect", "100-continue").putHeader("Content-Length", Integer.toString(body.length));
      req.continueHandler(v -> req.end(Buffer.buffer(body)));
      req.sendHead();
      return req.response().compose(r -> r.body().map(b -> new Response(r, b)));
    }), 10);
    assertThat(put.status()).isEqualTo(200);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, "/continued.bin");
    assertThat(up.bodySha256()).isEqualTo(Digests.sha256Hex(body));
  }

  @Test
  void dotSegmentsAndDoubleSlashesAreNotNormalised() {
    String uri = "/a/./b/../k.txt//x?q=a/../b";
    Response r = g.send(HttpMethod.GET, uri);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.GET, uri);
    assertThat(r.status()).isEqualTo(up.status());
  }

  @Test
  void hostWithPortAndUpperCaseFindsTheSite() {
    int port = g.harness().gateway().httpPort();
    Response r = Await.on(g.vertx(), () -> g.harness().client()
        .request(io.ossgate.testing.Requests.to(port, "STATIC.test:" + port, HttpMethod.GET, "/k.txt"))
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(b -> new Response(resp, b))), 10);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("hello");
    g.onlyUpstreamRequest(HttpMethod.GET, "/k.txt");
  }

  @Test
  void bucketDefaultDomainIsRetargetedToTheInternalEndpoint() {
    Response r = g.harness().send(HttpMethod.GET, TestConfigs.host(INTERNET), "/k.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("hello");
    g.onlyUpstreamRequest(HttpMethod.GET, "/k.txt");
  }

  @Test
  void headOnMissingBucketPathAndListOnRoot() {
    Response head = g.send(HttpMethod.HEAD, "/");
    assertThat(head.status()).isEqualTo(200);
    g.onlyUpstreamRequest(HttpMethod.HEAD, "/");
    Response list = g.send(HttpMethod.GET, "/?encoding-type=url&max-keys=1");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text()).contains("<Key>k.txt</Key>");
    g.onlyUpstreamRequest(HttpMethod.GET, "/?encoding-type=url&max-keys=1");
  }

  @Test
  void repeatedRequestHeadersAllArrive() {
    Response r = g.send(HttpMethod.GET, "/k.txt", req -> req.headers()
        .add("x-oss-meta-multi", "one").add("x-oss-meta-multi", "two"), null);
    assertThat(r.status()).isEqualTo(200);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.GET, "/k.txt");
    assertThat(up.headers().stream().filter(e -> e.getKey().equalsIgnoreCase("x-oss-meta-multi"))
        .map(java.util.Map.Entry::getValue)).containsExactly("one", "two");
  }
}
