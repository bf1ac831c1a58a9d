package io.ossgate.proxy.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.CorsSettings;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure browser rules: inline preview, index/error document decisions, CORS decisions. */
class BrowserRulesTest {

  private static MultiMap headers(String... pairs) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      m.add(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void forcedAttachmentIsRemovedWithItsHeader() {
    MultiMap h = headers("x-oss-force-download", "true", "Content-Disposition", "attachment", "Content-Type", "text/html");
    assertThat(InlinePreview.apply(h, null)).isTrue();
    assertThat(h.names()).containsExactly("Content-Type");
  }

  @Test
  void theObjectsOwnDispositionStays() {
    MultiMap named = headers("x-oss-force-download", "TRUE", "Content-Disposition", "attachment; filename=\"a.png\"");
    InlinePreview.apply(named, null);
    assertThat(named.get("Content-Disposition")).isEqualTo("attachment; filename=\"a.png\"");
    assertThat(named.contains("x-oss-force-download")).isFalse();
    MultiMap withoutForce = headers("Content-Disposition", "attachment");
    assertThat(InlinePreview.apply(withoutForce, null)).isFalse();
    assertThat(withoutForce.get("Content-Disposition")).isEqualTo("attachment");
    MultiMap asked = headers("x-oss-force-download", "true", "Content-Disposition", "attachment");
    InlinePreview.apply(asked, "response-content-disposition=attachment");
    assertThat(asked.get("Content-Disposition")).isEqualTo("attachment");
  }

  @Test
  void bareAttachmentRecognition() {
    assertThat(InlinePreview.isBareAttachment(" Attachment ")).isTrue();
    assertThat(InlinePreview.isBareAttachment("attachment;")).isTrue();
    assertThat(InlinePreview.isBareAttachment("inline")).isFalse();
    assertThat(InlinePreview.isBareAttachment("attachment; filename=x")).isFalse();
    assertThat(InlinePreview.isBareAttachment(null)).isFalse();
  }

  @Test
  void indexDocumentRewritesOnlyUnsignedDirectoryReads() {
    MultiMap none = headers();
    assertThat(IndexDocument.rewrite(HttpMethod.GET, "/", none, "index.html")).contains("/index.html");
    assertThat(IndexDocument.rewrite(HttpMethod.HEAD, "/a%20b/", none, "index.html")).contains("/a%20b/index.html");
    assertThat(IndexDocument.rewrite(HttpMethod.GET, "/a.html", none, "index.html")).isEmpty();
    assertThat(IndexDocument.rewrite(HttpMethod.PUT, "/dir/", none, "index.html")).isEmpty();
    assertThat(IndexDocument.rewrite(HttpMethod.GET, "/?prefix=a/", none, "index.html")).isEmpty();
    assertThat(IndexDocument.rewrite(HttpMethod.GET, "/", headers("Authorization",
        "OSS4-HMAC-SHA256 Credential=AK/20250101/cn-hangzhou/oss/aliyun_v4_request,Signature=ab"), "index.html")).isEmpty();
    assertThat(IndexDocument.rewrite(HttpMethod.GET, "/", headers("Authorization", "OSS AK:sig"), "index.html")).isEmpty();
  }

  @Test
  void errorDocumentOnlyFor404OnUnsignedReads() {
    MultiMap none = headers();
    assertThat(IndexDocument.errorDocument(HttpMethod.GET, 404, none, null, "errors/404.html")).contains("/errors/404.html");
    assertThat(IndexDocument.errorDocument(HttpMethod.GET, 403, none, null, "e.html")).isEmpty();
    assertThat(IndexDocument.errorDocument(HttpMethod.PUT, 404, none, null, "e.html")).isEmpty();
    assertThat(IndexDocument.errorDocument(HttpMethod.GET, 404, none, "OSSAccessKeyId=AK&Expires=1&Signature=s", "e.html"))
        .isEmpty();
  }

  private static CorsRules cors(List<String> origins, boolean credentials) {
    return new CorsRules(new CorsSettings(origins, List.of("GET", "HEAD"), List.of("x-a"), List.of("ETag"),
        Optional.of(Duration.ofSeconds(90)), credentials));
  }

  @Test
  void originMatching() {
    CorsRules r = cors(List.of("https://app.example.com", "https://*.example.org", "http://localhost:3000"), false);
    assertThat(r.originAllowed("https://app.example.com")).isTrue();
    assertThat(r.originAllowed("HTTPS://APP.EXAMPLE.COM")).isTrue();
    assertThat(r.originAllowed("http://app.example.com")).isFalse();
    assertThat(r.originAllowed("https://app.example.com:8443")).isFalse();
    assertThat(r.originAllowed("https://a.example.org")).isTrue();
    assertThat(r.originAllowed("https://a.b.example.org")).isTrue();
    assertThat(r.originAllowed("https://example.org")).isFalse();
    assertThat(r.originAllowed("https://evilexample.org")).isFalse();
    assertThat(r.originAllowed("https://a.example.org:444")).isFalse();
    assertThat(r.originAllowed("http://localhost:3000")).isTrue();
    assertThat(r.originAllowed("null")).isFalse();
    assertThat(r.originAllowed(null)).isFalse();
    assertThat(cors(List.of("*"), false).originAllowed("null")).isTrue();
  }

  @Test
  void preflightDecisions() {
    CorsRules r = cors(List.of("https://app.example.com"), true);
    CorsRules.Preflight ok = r.preflight("https://app.example.com", "GET", "X-A");
    assertThat(ok).isInstanceOf(CorsRules.Preflight.Allowed.class);
    MultiMap h = ((CorsRules.Preflight.Allowed) ok).headers();
    assertThat(h.get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    assertThat(h.get("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
    assertThat(h.get("Access-Control-Allow-Headers")).isEqualTo("x-a");
    assertThat(h.get("Access-Control-Max-Age")).isEqualTo("90");
    assertThat(h.get("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(r.preflight("https://other.example", "GET", null)).isInstanceOf(CorsRules.Preflight.Refused.class);
    assertThat(r.preflight("https://app.example.com", "PUT", null)).isInstanceOf(CorsRules.Preflight.Refused.class);
    assertThat(r.preflight("https://app.example.com", "GET", "x-a, x-b"))
        .isEqualTo(new CorsRules.Preflight.Refused("request header 'x-b' is not in allowed-headers [x-a]"));
    assertThat(CorsRules.isPreflight("OPTIONS", headers("Origin", "o", "Access-Control-Request-Method", "GET"))).isTrue();
    assertThat(CorsRules.isPreflight("OPTIONS", headers("Origin", "o"))).isFalse();
  }

  @Test
  void responseHeadersForAllowedAndOtherOrigins() {
    CorsRules r = cors(List.of("https://app.example.com"), false);
    MultiMap allowed = headers("Vary", "Accept-Encoding", "Access-Control-Allow-Origin", "*");
    r.applyToResponse("https://app.example.com", "GET", allowed);
    assertThat(allowed.get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    assertThat(allowed.get("Access-Control-Expose-Headers")).isEqualTo("ETag");
    assertThat(allowed.get("Vary")).isEqualTo("Accept-Encoding, Origin");
    MultiMap other = headers("Access-Control-Allow-Origin", "*");
    r.applyToResponse("https://evil.example", "GET", other);
    assertThat(other.contains("Access-Control-Allow-Origin")).as("the bucket's own CORS answer is dropped").isFalse();
    assertThat(other.get("Vary")).isEqualTo("Origin");
    MultiMap wrongMethod = headers();
    r.applyToResponse("https://app.example.com", "DELETE", wrongMethod);
    assertThat(wrongMethod.contains("Access-Control-Allow-Origin")).isFalse();
  }
}
