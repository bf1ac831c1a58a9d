package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.GatewayHarness.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every OSS request shape a client sends, through the gateway to the emulator and back. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class EveryMethodTest {

  private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>(.*?)</UploadId>");

  private GatewayWithEmulator g;

  @BeforeEach
  void setUp(Vertx vertx) {
    g = GatewayWithEmulator.start(vertx, INTERNAL, INTERNET);
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void putThenGetReturnsTheSameBytesAndEtag() {
    byte[] data = random(100_000, 1);
    Response put = g.send(HttpMethod.PUT, "/dir/obj.bin", req -> req.putHeader("Content-Type", "application/x-test"),
        Buffer.buffer(data));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.header("ETag")).isNotBlank();
    assertThat(put.header("X-Ossgate-Endpoint")).isEqualTo("internal");
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, "/dir/obj.bin");
    assertThat(up.bodyBytes()).isEqualTo(data.length);
    assertThat(up.bodySha256()).isEqualTo(Digests.sha256Hex(data));
    assertThat(up.header("Content-Length")).hasValue(Integer.toString(data.length));
    assertThat(up.header("Transfer-Encoding")).isEmpty();

    Response get = g.send(HttpMethod.GET, "/dir/obj.bin");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body().getBytes()).isEqualTo(data);
    assertThat(get.header("ETag")).isEqualTo(put.header("ETag"));
    assertThat(get.header("Content-Type")).isEqualTo("application/x-test");
    g.onlyUpstreamRequest(HttpMethod.GET, "/dir/obj.bin");
  }

  @Test
  void headReturnsHeadersWithContentLengthAndNoBody() {
    g.emulator().store().put(GatewayWithEmulator.BUCKET, "h.txt", random(12345, 2), "text/plain");

    Response head = g.send(HttpMethod.HEAD, "/h.txt");

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo("12345");
    assertThat(head.header("ETag")).isNotBlank();
    assertThat(head.header("Content-Type")).isEqualTo("text/plain");
    assertThat(head.body().length()).isZero();
    g.onlyUpstreamRequest(HttpMethod.HEAD, "/h.txt");
  }

  @Test
  void deleteThenGetIsNoSuchKeyFromOss() {
    g.emulator().store().put(GatewayWithEmulator.BUCKET, "gone.txt", random(10, 3), "text/plain");

    Response del = g.send(HttpMethod.DELETE, "/gone.txt");
    assertThat(del.status()).isEqualTo(204);
    g.onlyUpstreamRequest(HttpMethod.DELETE, "/gone.txt");

    Response get = g.send(HttpMethod.GET, "/gone.txt");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.header("Content-Type")).isEqualTo("application/xml");
    assertThat(get.header("Server")).isEqualTo("AliyunOSS");
    assertThat(get.text()).contains("<Code>NoSuchKey</Code>")
        // Passed through from OSS, not rewritten: the emulator's request id and bucket host.
        .contains("<RequestId>" + get.header("x-oss-request-id") + "</RequestId>")
        .contains("<HostId>" + g.bucketHost(INTERNAL) + "</HostId>");
    g.onlyUpstreamRequest(HttpMethod.GET, "/gone.txt");
  }

  @Test
  void putWithChunkedBody() {
    byte[] data = random(300_000, 4);

    Response put = g.sendChunked(HttpMethod.PUT, "/chunked.bin", data, 50_000);

    assertThat(put.status()).isEqualTo(200);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, "/chunked.bin");
    assertThat(up.header("Transfer-Encoding")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("chunked"));
    assertThat(up.bodySha256()).isEqualTo(Digests.sha256Hex(data));
    Response get = g.send(HttpMethod.GET, "/chunked.bin");
    assertThat(get.body().getBytes()).isEqualTo(data);
  }

  @Test
  void multipartUploadEndToEnd() {
    String key = "/mp/big.bin";
    String uploadId = initiate(key);

    byte[][] parts = {random(1 << 20, 10), random((1 << 20) + 12345, 11), random((1 << 20) + 7, 12)};
    List<String> etags = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String uri = key + "?partNumber=" + (i + 1) + "&uploadId=" + uploadId;
      Response part = i == 1
          ? g.sendChunked(HttpMethod.PUT, uri, parts[i], 64 * 1024)
          : g.send(HttpMethod.PUT, uri, req -> { }, Buffer.buffer(parts[i]));
      assertThat(part.status()).as("part %d", i + 1).isEqualTo(200);
      etags.add(part.header("ETag"));
      RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, uri);
      assertThat(up.bodySha256()).isEqualTo(Digests.sha256Hex(parts[i]));
    }

    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etags.get(i))
          .append("</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    String completeUri = key + "?uploadId=" + uploadId;
    Response complete = g.send(HttpMethod.POST, completeUri,
        req -> req.putHeader("Content-Type", "application/xml"), Buffer.buffer(xml.toString()));
    assertThat(complete.status()).isEqualTo(200);
    assertThat(complete.text()).contains("<CompleteMultipartUploadResult>");
    g.onlyUpstreamRequest(HttpMethod.POST, completeUri);

    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    AtomicLong received = new AtomicLong();
    Response[] head = new Response[1];
    String sha = Await.on(g.vertx(), () -> g.request(HttpMethod.GET, key)
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          head[0] = new Response(resp, Buffer.buffer());
          return GatewayWithEmulator.digest(resp, received);
        }), 20);
    assertThat(head[0].status()).isEqualTo(200);
    assertThat(head[0].header("ETag")).matches("\"[0-9A-Fa-f]{32}-3\"").isEqualTo(complete.header("ETag"));
    assertThat(received).hasValue(all.size());
    assertThat(sha).isEqualTo(Digests.sha256Hex(all.toByteArray()));
    g.onlyUpstreamRequest(HttpMethod.GET, key);
  }

  @Test
  void abortMultipartUpload() {
    String key = "/mp/aborted.bin";
    String uploadId = initiate(key);
    String partUri = key + "?partNumber=1&uploadId=" + uploadId;
    assertThat(g.send(HttpMethod.PUT, partUri, req -> { }, Buffer.buffer(random(200_000, 5))).status()).isEqualTo(200);
    g.onlyUpstreamRequest(HttpMethod.PUT, partUri);

    String abortUri = key + "?uploadId=" + uploadId;
    Response abort = g.send(HttpMethod.DELETE, abortUri);
    assertThat(abort.status()).isEqualTo(204);
    g.onlyUpstreamRequest(HttpMethod.DELETE, abortUri);

    Response again = g.send(HttpMethod.PUT, key + "?partNumber=2&uploadId=" + uploadId, req -> { },
        Buffer.buffer(random(1000, 6)));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.text()).contains("<Code>NoSuchUpload</Code>");
  }

  @Test
  void listObjectsV2WithPrefixAndDelimiter() {
    for (String k : List.of("list/a.txt", "list/b.txt", "list/sub/c.txt", "list/sub/d.txt", "other.txt")) {
      g.emulator().store().put(GatewayWithEmulator.BUCKET, k, new byte[] {1}, "text/plain");
    }
    String uri = "/?list-type=2&prefix=list%2F&delimiter=%2F";

    Response list = g.send(HttpMethod.GET, uri);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.header("Content-Type")).isEqualTo("application/xml");
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("<Key>(.*?)</Key>").matcher(list.text());
    while (m.find()) {
      keys.add(m.group(1));
    }
    assertThat(keys).containsExactly("list/a.txt", "list/b.txt");
    assertThat(list.text()).contains("<CommonPrefixes>").contains("<Prefix>list/sub/</Prefix>")
        .doesNotContain("other.txt");
    g.onlyUpstreamRequest(HttpMethod.GET, uri);
  }

  @Test
  void optionsPassesThrough() {
    Response options = g.send(HttpMethod.OPTIONS, "/k.txt",
        req -> req.putHeader("Origin", "http://example.com").putHeader("Access-Control-Request-Method", "GET"), null);

    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.OPTIONS, "/k.txt");
    assertThat(options.status()).isEqualTo(up.status());
    assertThat(options.header("Server")).isEqualTo("AliyunOSS");
    assertThat(options.header("x-oss-request-id")).isNotBlank();
    assertThat(up.header("Origin")).hasValue("http://example.com");
    assertThat(up.header("Access-Control-Request-Method")).hasValue("GET");
  }

  private String initiate(String key) {
    String uri = key + "?uploads";
    Response init = g.send(HttpMethod.POST, uri);
    assertThat(init.status()).isEqualTo(200);
    Matcher m = UPLOAD_ID.matcher(init.text());
    assertThat(m.find()).as("UploadId in %s", init.text()).isTrue();
    g.onlyUpstreamRequest(HttpMethod.POST, uri);
    return m.group(1);
  }
}
