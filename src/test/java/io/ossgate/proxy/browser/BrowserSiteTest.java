package io.ossgate.proxy.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.BrowserSettings;
import io.ossgate.config.CorsSettings;
import io.ossgate.config.PreviewMode;
import io.ossgate.config.SiteSettings;
import io.ossgate.emulator.Faults;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Preview, index/error documents and CORS through a real gateway in front of the emulator. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class BrowserSiteTest {

  private static final String PAGE = "<!doctype html><title>t</title><p>hello</p>";
  private static final String APP = "https://app.example.com";

  private static UnaryOperator<SiteSettings> preview(PreviewMode mode) {
    return s -> s.withPreview(mode);
  }

  private static UnaryOperator<SiteSettings> browser(BrowserSettings b) {
    return s -> preview(PreviewMode.INLINE).apply(s).withBrowser(b);
  }

  private static BrowserSettings website() {
    return new BrowserSettings(Optional.of("index.html"), Optional.of("error.html"), Optional.empty());
  }

  private static BrowserSettings cors() {
    return new BrowserSettings(Optional.empty(), Optional.empty(), Optional.of(new CorsSettings(List.of(APP),
        List.of("GET", "HEAD", "PUT"), List.of("x-custom", "content-type"), List.of("ETag", "x-oss-request-id"),
        Optional.of(Duration.ofMinutes(10)), false)));
  }

  @Test
  void inlinePreviewRemovesTheForcedDownload(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, preview(PreviewMode.INLINE))) {
      site.put("page.html", PAGE, "text/html");
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/page.html");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo(PAGE);
      assertThat(r.header("x-oss-force-download")).isNull();
      assertThat(r.header("Content-Disposition")).isNull();
      assertThat(r.header("Content-Type")).startsWith("text/html");
    }
  }

  @Test
  void passthroughPreviewRelaysTheForcedDownload(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, preview(PreviewMode.PASSTHROUGH))) {
      site.put("page.html", PAGE, "text/html");
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/page.html");
      assertThat(r.header("x-oss-force-download")).isEqualTo("true");
      assertThat(r.header("Content-Disposition")).isEqualTo("attachment");
    }
  }

  @Test
  void inlinePreviewKeepsTheObjectsOwnDisposition(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, preview(PreviewMode.INLINE))) {
      GatewayHarness.Response put = site.send(HttpMethod.PUT, "/logo.png", req -> req
          .putHeader("Content-Type", "image/png")
          .putHeader("Content-Disposition", "attachment; filename=\"logo.png\""), Buffer.buffer("png"));
      assertThat(put.status()).isEqualTo(200);
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/logo.png");
      assertThat(r.header("x-oss-force-download")).isNull();
      assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"logo.png\"");
    }
  }

  @Test
  void indexDocumentAnswersDirectories(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(website()))) {
      site.put("index.html", "root index", "text/html");
      site.put("docs/index.html", "docs index", "text/html");
      GatewayHarness.Response root = site.send(HttpMethod.GET, "/");
      assertThat(root.status()).isEqualTo(200);
      assertThat(root.text()).isEqualTo("root index");
      assertThat(root.header("Content-Disposition")).isNull();
      assertThat(site.send(HttpMethod.GET, "/docs/").text()).isEqualTo("docs index");
      GatewayHarness.Response head = site.send(HttpMethod.HEAD, "/docs/");
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("10");
      assertThat(site.emulator().requests().all()).extracting(RecordedRequest::uri)
          .containsExactly("/index.html", "/docs/index.html", "/docs/index.html");
    }
  }

  @Test
  void indexDocumentNeverRewritesSignedOrQueriedRequests(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(website()))) {
      site.put("index.html", "root index", "text/html");
      GatewayHarness.Response signed = site.send(HttpMethod.GET, "/",
          req -> req.putHeader("Authorization", "OSS AKID:c2lnbmF0dXJl"), null);
      assertThat(signed.text()).contains("<ListBucketResult");
      GatewayHarness.Response listing = site.send(HttpMethod.GET, "/?prefix=docs/");
      assertThat(listing.text()).contains("<ListBucketResult");
      assertThat(site.emulator().requests().all()).extracting(RecordedRequest::uri)
          .containsExactly("/", "/?prefix=docs/");
    }
  }

  @Test
  void errorDocumentAnswersA404WithItsBodyAndStatus404(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(website()))) {
      site.put("error.html", "<h1>not here</h1>", "text/html");
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/missing.png");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.raw().statusMessage()).isEqualTo("Not Found");
      assertThat(r.text()).isEqualTo("<h1>not here</h1>");
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.header("ETag")).isNull();
      assertThat(r.header("Content-Disposition")).isNull();
      GatewayHarness.Response head = site.send(HttpMethod.HEAD, "/missing.png");
      assertThat(head.status()).isEqualTo(404);
      assertThat(head.header("Content-Type")).startsWith("text/html");
      assertThat(site.emulator().requests().all()).extracting(RecordedRequest::uri)
          .containsExactly("/missing.png", "/error.html", "/missing.png", "/error.html");
    }
  }

  @Test
  void missingErrorDocumentRelaysTheOriginal404(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(website()))) {
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/missing.png");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/xml");
      assertThat(r.text()).contains("<Code>NoSuchKey</Code>");
      // A signed request never gets the error document: its signature does not cover it.
      GatewayHarness.Response signed = site.send(HttpMethod.GET, "/other.png",
          req -> req.putHeader("Authorization", "OSS AKID:c2lnbmF0dXJl"), null);
      assertThat(signed.text()).contains("<Code>NoSuchKey</Code>");
      assertThat(site.emulator().requests().all()).extracting(RecordedRequest::uri)
          .containsExactly("/missing.png", "/error.html", "/other.png");
    }
  }

  @Test
  void allowedPreflightIsAnsweredByTheGatewayAndKeepsTheConnectionUsable(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(cors()))) {
      site.put("page.html", PAGE, "text/html");
      HttpClientAgent oneConnection = io.ossgate.testing.TestClients.create(vertx, new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(1));
      GatewayHarness.Response pre = send(oneConnection, site, HttpMethod.OPTIONS, "/page.html", req -> req
          .putHeader("Origin", APP)
          .putHeader("Access-Control-Request-Method", "PUT")
          .putHeader("Access-Control-Request-Headers", "X-Custom, Content-Type"));
      assertThat(pre.status()).isEqualTo(204);
      assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(pre.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, PUT");
      assertThat(pre.header("Access-Control-Allow-Headers")).isEqualTo("x-custom, content-type");
      assertThat(pre.header("Access-Control-Max-Age")).isEqualTo("600");
      assertThat(pre.header("Access-Control-Allow-Credentials")).isNull();
      assertThat(pre.header("Vary")).contains("Origin");
      GatewayHarness.Response next = send(oneConnection, site, HttpMethod.GET, "/page.html",
          req -> req.putHeader("Origin", APP));
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.header("Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(next.header("Access-Control-Expose-Headers")).isEqualTo("ETag, x-oss-request-id");
      assertThat(next.header("Vary")).isEqualTo("Origin");
      assertThat(site.emulator().requests().all()).extracting(RecordedRequest::method).containsExactly("GET");
      oneConnection.close();
    }
  }

  @Test
  void refusedPreflightGets403AccessForbidden(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(cors()))) {
      GatewayHarness.Response badOrigin = site.send(HttpMethod.OPTIONS, "/page.html", req -> req
          .putHeader("Origin", "https://evil.example")
          .putHeader("Access-Control-Request-Method", "GET"), null);
      assertThat(badOrigin.status()).isEqualTo(403);
      assertThat(badOrigin.header("Content-Type")).isEqualTo("application/xml");
      assertThat(badOrigin.text()).contains("<Code>AccessForbidden</Code>").contains("evil.example");
      assertThat(badOrigin.header("Access-Control-Allow-Origin")).isNull();
      GatewayHarness.Response badMethod = site.send(HttpMethod.OPTIONS, "/page.html", req -> req
          .putHeader("Origin", APP)
          .putHeader("Access-Control-Request-Method", "DELETE"), null);
      assertThat(badMethod.status()).isEqualTo(403);
      assertThat(badMethod.text()).contains("DELETE");
      GatewayHarness.Response badHeader = site.send(HttpMethod.OPTIONS, "/page.html", req -> req
          .putHeader("Origin", APP)
          .putHeader("Access-Control-Request-Method", "GET")
          .putHeader("Access-Control-Request-Headers", "authorization"), null);
      assertThat(badHeader.status()).isEqualTo(403);
      assertThat(site.emulator().requests().all()).isEmpty();
    }
  }

  @Test
  void otherOriginsGetNoCorsHeadersButVary(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(cors()))) {
      site.put("page.html", PAGE, "text/html");
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/page.html",
          req -> req.putHeader("Origin", "https://evil.example"), null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Access-Control-Allow-Origin")).isNull();
      assertThat(r.header("Vary")).isEqualTo("Origin");
    }
  }

  @Test
  void gatewayErrorsCarryCorsHeaders(Vertx vertx) {
    try (BrowserSite site = BrowserSite.start(vertx, browser(cors()))) {
      Await.on(vertx, () -> site.emulator().faults(EndpointType.INTERNET)
          .set(Faults.none().withRefuseConnections(true)), 10);
      GatewayHarness.Response r = site.send(HttpMethod.GET, "/page.html", req -> req.putHeader("Origin", APP), null);
      assertThat(r.status()).isBetween(502, 504);
      assertThat(r.text()).contains("<Code>Upstream");
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(r.header("Vary")).isEqualTo("Origin");
    }
  }

  private static GatewayHarness.Response send(HttpClientAgent client, BrowserSite site, HttpMethod method, String uri,
      java.util.function.Consumer<HttpClientRequest> prepare) {
    return Await.on(site.harness().vertx(), () -> client
        .request(io.ossgate.testing.Requests.to(site.gatewayPort(), BrowserSite.DOMAIN, method, uri))
        .compose(req -> {
          prepare.accept(req);
          return req.send();
        })
        .compose(resp -> resp.body().map(b -> new GatewayHarness.Response(resp, b))), 10);
  }
}
