package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.GatewayHarness.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a client signed reaches OSS byte for byte; what OSS answers reaches the client. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class QueryAndHeadersTest {

  private static final String ODD_QUERY =
      "?x-oss-process=image%2Fresize%2Cw_100&b=2&a&empty=&%2Bp=v%7C&response-content-type=text%2Fplain";
  private static final String KEY = "q/a b+c\u4e2d\u6587[1].txt";
  private static final String KEY_ENCODED = "/q/a%20b+c%E4%B8%AD%E6%96%87%5B1%5D.txt";
  private static final String KEY_RAW_BRACKETS = "/q/a%20b+c%E4%B8%AD%E6%96%87[1].txt";
  private static final String AUTH = "OSS4-HMAC-SHA256 Credential=LTAI5tTEST/20250101/cn-hangzhou/oss/aliyun_v4_request,"
      + "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private GatewayWithEmulator g;

  @BeforeEach
  void setUp(Vertx vertx) {
    g = GatewayWithEmulator.start(vertx, INTERNAL, INTERNET);
    g.emulator().store().put(GatewayWithEmulator.BUCKET, KEY, "hello".getBytes(StandardCharsets.UTF_8),
        "application/octet-stream");
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  @Test
  void oddQueryAndKeyArriveByteForByte() {
    String uri = KEY_ENCODED + ODD_QUERY;

    Response r = g.send(HttpMethod.GET, uri);

    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.GET, uri);
    assertThat(up.uri()).isEqualTo(uri);
    // Whatever OSS answered (the emulator does not process images) is what the client gets.
    assertThat(r.status()).isEqualTo(up.status());
  }

  @Test
  void encodedKeysReachTheObjectAndResponseOverridesApply() {
    for (String path : new String[] {KEY_ENCODED, KEY_RAW_BRACKETS}) {
      String uri = path + "?response-content-type=text%2Fplain&b=2&a&empty=";
      Response r = g.send(HttpMethod.GET, uri);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.text()).isEqualTo("hello");
      assertThat(r.header("Content-Type")).isEqualTo("text/plain");
      g.onlyUpstreamRequest(HttpMethod.GET, uri);
    }
  }

  @Test
  void signedHeadersArriveUnchangedOnPut() throws Exception {
    byte[] body = "signed body".getBytes(StandardCharsets.UTF_8);
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    String date = "Wed, 01 Jan 2025 00:00:00 GMT";

    Response r = g.send(HttpMethod.PUT, "/signed.txt", req -> req
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Content-MD5", md5)
        .putHeader("Date", date)
        .putHeader("Authorization", AUTH)
        .putHeader("x-oss-date", "20250101T000000Z")
        .putHeader("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
        .putHeader("x-oss-meta-author", "Alice  B.")
        .putHeader("x-oss-meta-empty", ""), Buffer.buffer(body));

    assertThat(r.status()).isEqualTo(200);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, "/signed.txt");
    assertThat(up.header("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(up.header("Content-MD5")).hasValue(md5);
    assertThat(up.header("Date")).hasValue(date);
    assertThat(up.header("Authorization")).hasValue(AUTH);
    assertThat(up.header("x-oss-date")).hasValue("20250101T000000Z");
    assertThat(up.header("x-oss-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
    assertThat(up.header("x-oss-meta-author")).hasValue("Alice  B.");
    assertThat(up.header("x-oss-meta-empty")).hasValue("");

    Response head = g.send(HttpMethod.HEAD, "/signed.txt");
    assertThat(head.header("x-oss-meta-author")).isEqualTo("Alice  B.");
  }

  @Test
  void contentTypeOnGetAndHopByHopHeaders() {
    Response r = g.send(HttpMethod.GET, KEY_ENCODED, req -> req
        .putHeader("Content-Type", "application/octet-stream") // ali-oss signs a Content-Type on GET too
        .putHeader("Date", "Wed, 01 Jan 2025 00:00:00 GMT")
        .putHeader("Authorization", "OSS LTAI5tTEST:c2lnbmF0dXJl")
        .putHeader("Connection", "keep-alive, X-Hop")
        .putHeader("X-Hop", "must not pass")
        .putHeader("Keep-Alive", "timeout=5")
        .putHeader("Proxy-Connection", "keep-alive")
        .putHeader("TE", "trailers"), null);

    assertThat(r.status()).isEqualTo(200);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.GET, KEY_ENCODED);
    assertThat(up.header("Content-Type")).hasValue("application/octet-stream");
    assertThat(up.header("Date")).hasValue("Wed, 01 Jan 2025 00:00:00 GMT");
    assertThat(up.header("Authorization")).hasValue("OSS LTAI5tTEST:c2lnbmF0dXJl");
    assertThat(up.header("X-Hop")).isEmpty();
    assertThat(up.header("Keep-Alive")).isEmpty();
    assertThat(up.header("Proxy-Connection")).isEmpty();
    assertThat(up.header("TE")).isEmpty();
    assertThat(up.header("Connection").orElse("")).doesNotContainIgnoringCase("x-hop");
  }

  @Test
  void responseHeadersFromOssReachTheClient() {
    Response r = g.send(HttpMethod.GET, KEY_ENCODED);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    assertThat(r.header("Server")).isEqualTo("AliyunOSS");
    assertThat(r.header("x-oss-request-id")).matches("[0-9A-F]{24}");
    assertThat(r.header("x-oss-object-type")).isEqualTo("Normal");
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("Last-Modified")).endsWith("GMT");
    g.onlyUpstreamRequest(HttpMethod.GET, KEY_ENCODED);

    // The id in an error body is the emulator's own: the header was relayed, not replaced.
    Response missing = g.send(HttpMethod.GET, "/no/such/key");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    assertThat(missing.text()).contains("<RequestId>" + missing.header("x-oss-request-id") + "</RequestId>");
  }

  @Test
  void headErrorHeaderPassesThroughForAMissingKey() {
    Response r = g.send(HttpMethod.HEAD, "/no/such/key");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().length()).isZero();
    assertThat(r.header("x-oss-err")).isNotBlank();
    String xml = new String(Base64.getDecoder().decode(r.header("x-oss-err")), StandardCharsets.UTF_8);
    assertThat(xml).contains("<Code>NoSuchKey</Code>")
        .contains("<RequestId>" + r.header("x-oss-request-id") + "</RequestId>")
        .contains("<HostId>" + g.bucketHost(INTERNAL) + "</HostId>");
    g.onlyUpstreamRequest(HttpMethod.HEAD, "/no/such/key");
  }
}
