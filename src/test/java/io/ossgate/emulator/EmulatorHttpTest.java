package io.ossgate.emulator;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.HEAD;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.oss.Crc64Ecma;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(10)
class EmulatorHttpTest {

  static final String BUCKET = "demo-bucket";
  static final String HOST = "demo-bucket.oss-cn-hangzhou.aliyuncs.com";
  static final String BOUND = "static.example.com";
  static final String CRC = "x-oss-hash-crc64ecma";

  Vertx vertx;
  Emulator emu;
  TestClient http;
  int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    emu = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, "cn-hangzhou").withBoundDomains(List.of(BOUND))),
        List.of(EndpointSettings.of(EndpointType.INTERNET), EndpointSettings.of(EndpointType.INTERNAL)))), 5);
    http = new TestClient(vertx);
    port = emu.port(EndpointType.INTERNET);
  }

  @AfterEach
  void stop() throws Exception {
    http.close().await(5, SECONDS);
    Await.on(vertx, emu::close, 5);
  }

  TestClient.Response get(String uri, Map<String, String> headers) throws Exception {
    return http.send(GET, port, HOST, uri, headers, null).await(5, SECONDS);
  }

  @Test
  void routesBucketDomainsAndRejectsOthers() throws Exception {
    emu.store().put(BUCKET, "a.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

    var ok = get("/a.txt", Map.of());
    var internal = http.send(GET, emu.port(EndpointType.INTERNAL), "demo-bucket.oss-cn-hangzhou-internal.aliyuncs.com",
        "/a.txt").await(5, SECONDS);
    var unknown = http.send(GET, port, "other-bucket.oss-cn-hangzhou.aliyuncs.com", "/a.txt").await(5, SECONDS);
    var pathStyle = http.send(GET, port, "oss-cn-hangzhou.aliyuncs.com", "/demo-bucket/a.txt").await(5, SECONDS);
    var stranger = http.send(GET, port, "www.example.org", "/a.txt").await(5, SECONDS);
    var wrongRegion = http.send(GET, port, "demo-bucket.oss-cn-beijing.aliyuncs.com", "/a.txt").await(5, SECONDS);

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.text()).isEqualTo("hello");
    assertThat(ok.header("Server")).isEqualTo("AliyunOSS");
    assertThat(ok.header("x-oss-request-id")).isNotBlank();
    assertThat(internal.text()).isEqualTo("hello");
    assertThat(internal.header("x-oss-request-id")).isNotEqualTo(ok.header("x-oss-request-id"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("<Code>NoSuchBucket</Code>");
    assertThat(unknown.header("Content-Type")).isEqualTo("application/xml");
    assertThat(pathStyle.status()).isEqualTo(403);
    assertThat(pathStyle.text()).contains("<Code>SecondLevelDomainForbidden</Code>");
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(wrongRegion.status()).isEqualTo(403);
  }

  @Test
  void putThenGetRoundTripsWithEtagAndMetadata() throws Exception {
    byte[] data = "some object body".getBytes(StandardCharsets.UTF_8);
    String md5Hex = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(data));

    var put = http.send(PUT, port, HOST, "/dir/obj%20one.txt",
        Map.of("Content-Type", "text/plain", "x-oss-meta-color", "blue"), Buffer.buffer(data)).await(5, SECONDS);
    var got = get("/dir/obj%20one.txt", Map.of());
    var head = http.send(HEAD, port, HOST, "/dir/obj%20one.txt").await(5, SECONDS);

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.header("ETag")).isEqualTo("\"" + md5Hex + "\"");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().getBytes()).isEqualTo(data);
    assertThat(got.header("ETag")).isEqualTo(put.header("ETag"));
    assertThat(got.header("Content-Type")).isEqualTo("text/plain");
    assertThat(got.header("x-oss-meta-color")).isEqualTo("blue");
    assertThat(got.header("x-oss-object-type")).isEqualTo("Normal");
    assertThat(got.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(got.header("Last-Modified")).endsWith("GMT");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(data.length));
    assertThat(head.body().length()).isZero();
    assertThat(emu.store().keys(BUCKET)).containsExactly("dir/obj one.txt");
    String crc = Crc64Ecma.toHeader(Crc64Ecma.of(data));
    assertThat(put.header(CRC)).isEqualTo(crc);
    assertThat(got.header(CRC)).isEqualTo(crc);
    assertThat(head.header(CRC)).isEqualTo(crc);
  }

  @Test
  void putWithExpectContinueAndChunkedBody(Vertx vertx) throws Exception {
    byte[] data = GeneratedContent.bytes(5, 0, 300_000);
    var options = TestClient.options(PUT, port, HOST, "/chunked.bin")
        .putHeader("Expect", "100-continue").putHeader("Transfer-Encoding", "chunked");
    var client = io.ossgate.testing.TestClients.create(vertx);
    int status = Await.on(vertx, () -> client.request(options).compose(req -> {
      req.setChunked(true);
      var response = req.response();
      req.continueHandler(v -> {
        req.write(Buffer.buffer(data).slice(0, 100_000));
        req.end(Buffer.buffer(data).slice(100_000, data.length));
      });
      req.sendHead();
      return response;
    }).map(r -> r.statusCode()), 5);

    var got = get("/chunked.bin", Map.of());
    assertThat(status).isEqualTo(200);
    assertThat(got.body().getBytes()).isEqualTo(data);
    var record = emu.requests().next(r -> r.method().equals("PUT")).await(5, SECONDS);
    assertThat(record.bodyBytes()).isEqualTo(data.length);
    assertThat(record.bodySha256()).isEqualTo(TestClient.sha256Hex(data));
  }

  @Test
  void rejectsContentMd5Mismatch() throws Exception {
    String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(new byte[] {1}));

    var put = http.send(PUT, port, HOST, "/x", Map.of("Content-MD5", wrong), Buffer.buffer("body")).await(5, SECONDS);

    assertThat(put.status()).isEqualTo(400);
    assertThat(put.text()).contains("<Code>InvalidDigest</Code>");
    assertThat(emu.store().get(BUCKET, "x")).isEmpty();
  }

  @Test
  void servesRanges() throws Exception {
    emu.store().put(BUCKET, "r", GeneratedContent.bytes(1, 0, 1000), null);
    byte[] all = GeneratedContent.bytes(1, 0, 1000);

    var closed = get("/r", Map.of("Range", "bytes=10-19"));
    var open = get("/r", Map.of("Range", "bytes=990-"));
    var suffix = get("/r", Map.of("Range", "bytes=-5"));
    var beyond = get("/r", Map.of("Range", "bytes=500-2000"));
    var beyondStd = get("/r", Map.of("Range", "bytes=500-2000", "x-oss-range-behavior", "standard"));
    var outside = get("/r", Map.of("Range", "bytes=1000-2000"));
    var outsideStd = get("/r", Map.of("Range", "bytes=1000-2000", "x-oss-range-behavior", "standard"));
    var multi = get("/r", Map.of("Range", "bytes=0-1,5-6"));

    assertThat(closed.status()).isEqualTo(206);
    assertThat(closed.header("Content-Range")).isEqualTo("bytes 10-19/1000");
    assertThat(closed.body().getBytes()).isEqualTo(java.util.Arrays.copyOfRange(all, 10, 20));
    assertThat(closed.header(CRC)).as("a range carries the whole object's CRC").isEqualTo(Crc64Ecma.toHeader(Crc64Ecma.of(all)));
    assertThat(open.header("Content-Range")).isEqualTo("bytes 990-999/1000");
    assertThat(open.body().length()).isEqualTo(10);
    assertThat(suffix.header("Content-Range")).isEqualTo("bytes 995-999/1000");
    assertThat(beyond.status()).isEqualTo(200);
    assertThat(beyond.body().length()).isEqualTo(1000);
    assertThat(beyondStd.status()).isEqualTo(206);
    assertThat(beyondStd.header("Content-Range")).isEqualTo("bytes 500-999/1000");
    assertThat(outside.status()).isEqualTo(200);
    assertThat(outsideStd.status()).isEqualTo(416);
    assertThat(outsideStd.text()).contains("<Code>InvalidRange</Code>");
    assertThat(outsideStd.header(CRC)).isNull();
    assertThat(multi.status()).isEqualTo(200);
    assertThat(multi.body().length()).isEqualTo(1000);
  }

  @Test
  void answersConditionalRequests() throws Exception {
    var stored = emu.store().put(BUCKET, "c", new byte[] {1, 2, 3}, null);
    String later = ObjectReader.HTTP_DATE.format(stored.lastModified().plusSeconds(60));
    String earlier = ObjectReader.HTTP_DATE.format(stored.lastModified().minusSeconds(60));

    var notModified = get("/c", Map.of("If-None-Match", stored.etag()));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.header(CRC)).isNull();
    assertThat(get("/c", Map.of("If-None-Match", "\"OTHER\"")).status()).isEqualTo(200);
    assertThat(get("/c", Map.of("If-Match", stored.etag())).status()).isEqualTo(200);
    var mismatch = get("/c", Map.of("If-Match", "\"OTHER\""));
    assertThat(mismatch.status()).isEqualTo(412);
    assertThat(mismatch.text()).contains("<Code>PreconditionFailed</Code>");
    assertThat(mismatch.header(CRC)).isNull();
    assertThat(get("/c", Map.of("If-Modified-Since", later)).status()).isEqualTo(304);
    assertThat(get("/c", Map.of("If-Modified-Since", earlier)).status()).isEqualTo(200);
    assertThat(get("/c", Map.of("If-Unmodified-Since", earlier)).status()).isEqualTo(412);
    assertThat(get("/c", Map.of("If-Unmodified-Since", later)).status()).isEqualTo(200);
  }

  @Test
  void headErrorCarriesXmlInHeader() throws Exception {
    var head = http.send(HEAD, port, HOST, "/missing").await(5, SECONDS);

    assertThat(head.status()).isEqualTo(404);
    assertThat(head.body().length()).isZero();
    String xml = new String(Base64.getDecoder().decode(head.header("x-oss-err")), StandardCharsets.UTF_8);
    assertThat(xml).contains("<Code>NoSuchKey</Code>").contains(head.header("x-oss-request-id"));
  }

  @Test
  void completesMultipartUploadAsConcatenation() throws Exception {
    var init = http.send(POST, port, HOST, "/mp/big.bin?uploads", Map.of("Content-Type", "video/mp4"), null)
        .await(5, SECONDS);
    assertThat(init.status()).isEqualTo(200);
    String uploadId = between(init.text(), "UploadId");
    byte[] p1 = GeneratedContent.bytes(7, 0, 200_000);
    byte[] p2 = GeneratedContent.bytes(8, 0, 50_000);
    var r2 = http.send(PUT, port, HOST, "/mp/big.bin?partNumber=2&uploadId=" + uploadId, Map.of(), Buffer.buffer(p2))
        .await(5, SECONDS);
    var r1 = http.send(PUT, port, HOST, "/mp/big.bin?partNumber=1&uploadId=" + uploadId, Map.of(), Buffer.buffer(p1))
        .await(5, SECONDS);
    String doc = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + r1.header("ETag")
        + "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + r2.header("ETag") + "</ETag></Part></CompleteMultipartUpload>";

    var done = http.send(POST, port, HOST, "/mp/big.bin?uploadId=" + uploadId, Map.of(), Buffer.buffer(doc))
        .await(5, SECONDS);
    var got = get("/mp/big.bin", Map.of());
    var again = http.send(POST, port, HOST, "/mp/big.bin?uploadId=" + uploadId, Map.of(), Buffer.buffer(doc))
        .await(5, SECONDS);
    var ranged = get("/mp/big.bin", Map.of("Range", "bytes=199990-200009"));

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.text()).contains("<CompleteMultipartUploadResult>");
    assertThat(between(done.text(), "ETag")).matches("(\"|&quot;)[0-9A-F]{32}-2(\"|&quot;)");
    assertThat(got.header("x-oss-object-type")).isEqualTo("Multipart");
    assertThat(got.header("Content-Type")).isEqualTo("video/mp4");
    assertThat(got.header("ETag")).endsWith("-2\"");
    Buffer expected = Buffer.buffer(p1).appendBytes(p2);
    assertThat(got.body().getBytes()).isEqualTo(expected.getBytes());
    assertThat(ranged.body().getBytes()).isEqualTo(expected.getBytes(199_990, 200_010));
    assertThat(r1.header(CRC)).isEqualTo(Crc64Ecma.toHeader(Crc64Ecma.of(p1)));
    assertThat(r2.header(CRC)).isEqualTo(Crc64Ecma.toHeader(Crc64Ecma.of(p2)));
    String whole = Crc64Ecma.toHeader(Crc64Ecma.of(expected.getBytes()));
    assertThat(done.header(CRC)).isEqualTo(whole);
    assertThat(got.header(CRC)).isEqualTo(whole);
    assertThat(ranged.header(CRC)).isEqualTo(whole);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.text()).contains("<Code>NoSuchUpload</Code>");
  }

  @Test
  void aPartReuploadedDuringCompleteIsRefusedAndSparesTheObject(Vertx vertx) throws Exception {
    var init = http.send(POST, port, HOST, "/mp/race.bin?uploads", Map.of(), null).await(5, SECONDS);
    String uploadId = between(init.text(), "UploadId");
    String partUri = "/mp/race.bin?partNumber=1&uploadId=" + uploadId;
    byte[] p1 = GeneratedContent.bytes(9, 0, 100_000);
    var r1 = http.send(PUT, port, HOST, partUri, Map.of(), Buffer.buffer(p1)).await(5, SECONDS);
    // Part 1 again, with other bytes: its head and half its body sent, the rest held back.
    byte[] other = GeneratedContent.bytes(10, 0, 100_000);
    var client = io.ossgate.testing.TestClients.create(vertx);
    HttpClientRequest late = Await.on(vertx, () -> client.request(TestClient.options(PUT, port, HOST, partUri))
        .compose(req -> req.setChunked(true).write(Buffer.buffer(other).slice(0, 50_000)).map(req)), 5);
    String doc = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + r1.header("ETag")
        + "</ETag></Part></CompleteMultipartUpload>";

    var done = http.send(POST, port, HOST, "/mp/race.bin?uploadId=" + uploadId, Map.of(), Buffer.buffer(doc))
        .await(5, SECONDS);
    var lateAnswer = Await.on(vertx, () -> late.end(Buffer.buffer(other).slice(50_000, other.length))
        .compose(v -> late.response())
        .compose(resp -> resp.body().map(body -> new TestClient.Response(resp.statusCode(), resp.headers(), body))), 5);
    var got = get("/mp/race.bin", Map.of());

    assertThat(done.status()).isEqualTo(200);
    assertThat(lateAnswer.status()).isEqualTo(404);
    assertThat(lateAnswer.text()).contains("<Code>NoSuchUpload</Code>");
    // The late part neither joined the object nor deleted the file of the part it was made of.
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().getBytes()).isEqualTo(p1);
    Await.on(vertx, client::close, 5);
  }

  @Test
  void abortsMultipartUpload() throws Exception {
    var init = http.send(POST, port, HOST, "/k?uploads=", Map.of(), null).await(5, SECONDS);
    String uploadId = between(init.text(), "UploadId");

    var abort = http.send(DELETE, port, HOST, "/k?uploadId=" + uploadId).await(5, SECONDS);
    var part = http.send(PUT, port, HOST, "/k?partNumber=1&uploadId=" + uploadId, Map.of(), Buffer.buffer("x"))
        .await(5, SECONDS);

    assertThat(abort.status()).isEqualTo(204);
    assertThat(part.status()).isEqualTo(404);
    assertThat(part.text()).contains("NoSuchUpload");
  }

  @Test
  void listsObjectsV2WithPrefixDelimiterAndPages() throws Exception {
    for (String k : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
        "photos/zz.jpg", "videos/v.mp4")) {
      emu.store().put(BUCKET, k, new byte[] {1}, "image/jpeg");
    }

    var listed = get("/?list-type=2&prefix=photos/&delimiter=/", Map.of());
    var page1 = get("/?list-type=2&prefix=photos/&delimiter=/&max-keys=2", Map.of());
    String token = between(page1.text(), "NextContinuationToken");
    var page2 = get("/?list-type=2&prefix=photos/&delimiter=/&max-keys=2&continuation-token=" + token, Map.of());
    var after = get("/?list-type=2&start-after=photos/zz.jpg", Map.of());

    assertThat(listed.status()).isEqualTo(200);
    assertThat(all(listed.text(), "Key")).containsExactly("photos/top.jpg", "photos/zz.jpg");
    assertThat(all(listed.text(), "Prefix")).containsExactly("photos/", "photos/2024/", "photos/2025/");
    assertThat(between(listed.text(), "KeyCount")).isEqualTo("4");
    assertThat(between(listed.text(), "IsTruncated")).isEqualTo("false");
    assertThat(between(page1.text(), "IsTruncated")).isEqualTo("true");
    assertThat(all(page1.text(), "Prefix")).containsExactly("photos/", "photos/2024/", "photos/2025/");
    assertThat(all(page2.text(), "Key")).containsExactly("photos/top.jpg", "photos/zz.jpg");
    assertThat(between(page2.text(), "IsTruncated")).isEqualTo("false");
    assertThat(all(after.text(), "Key")).containsExactly("videos/v.mp4");
    assertThat(after.text()).contains("<Size>1</Size>");
  }

  @Test
  void forcesDownloadOnDefaultDomainOnly() throws Exception {
    emu.store().put(BUCKET, "p.png", new byte[] {1}, "image/png");
    emu.store().put(BUCKET, "t.txt", new byte[] {1}, "text/plain");
    http.send(PUT, port, HOST, "/d.png", Map.of("Content-Type", "image/png", "Content-Disposition", "inline; filename=d.png"),
        Buffer.buffer("x")).await(5, SECONDS);

    var viaDefault = get("/p.png", Map.of());
    var viaBound = http.send(GET, port, BOUND, "/p.png").await(5, SECONDS);
    var text = get("/t.txt", Map.of());
    var ownDisposition = http.send(GET, port, BOUND, "/d.png").await(5, SECONDS);

    assertThat(viaDefault.header("x-oss-force-download")).isEqualTo("true");
    assertThat(viaDefault.header("Content-Disposition")).isEqualTo("attachment");
    assertThat(viaBound.status()).isEqualTo(200);
    assertThat(viaBound.header("x-oss-force-download")).isNull();
    assertThat(viaBound.header("Content-Disposition")).isNull();
    assertThat(text.header("x-oss-force-download")).isNull();
    assertThat(ownDisposition.header("Content-Disposition")).isEqualTo("inline; filename=d.png");
  }

  @Test
  void streamsGeneratedObjectWithRightDigest() throws Exception {
    long size = 64L << 20;
    emu.store().putGenerated(BUCKET, "gen.bin", size, 42, null);

    var whole = http.digest(TestClient.options(GET, port, HOST, "/gen.bin")).await(20, SECONDS);
    var part = http.digest(TestClient.options(GET, port, HOST, "/gen.bin").putHeader("Range", "bytes=100000-299999"))
        .await(5, SECONDS);

    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.bytes()).isEqualTo(size);
    assertThat(whole.sha256()).isEqualTo(HexFormat.of().formatHex(GeneratedContent.sha256(42, size)));
    assertThat(part.sha256()).isEqualTo(TestClient.sha256Hex(GeneratedContent.bytes(42, 100_000, 200_000)));
    assertThat(whole.headers().get(CRC)).isEqualTo(Crc64Ecma.toHeader(whole.crc64()));
    assertThat(part.headers().get(CRC)).isEqualTo(whole.headers().get(CRC));
  }

  @Test
  void computesAGeneratedObjectsCrcOnFirstUseForEveryoneAsking() throws Exception {
    // Not when stored: a TiB would take minutes, far past this test's timeout.
    emu.store().putGenerated(BUCKET, "tebibyte.bin", 1L << 40, 3, null);
    long size = 8L << 20;
    emu.store().putGenerated(BUCKET, "lazy.bin", size, 11, null);
    String expected = Crc64Ecma.toHeader(Crc64Ecma.of(GeneratedContent.bytes(11, 0, (int) size)));
    int internal = emu.port(EndpointType.INTERNAL);
    String internalHost = "demo-bucket.oss-cn-hangzhou-internal.aliyuncs.com";

    // Concurrent first reads, on both listeners: all wait for the one computation.
    var reads = List.of(
        http.send(HEAD, port, HOST, "/lazy.bin"),
        http.send(HEAD, internal, internalHost, "/lazy.bin"),
        http.send(GET, port, HOST, "/lazy.bin", Map.of("Range", "bytes=0-9"), null),
        http.send(GET, internal, internalHost, "/lazy.bin", Map.of("Range", "bytes=5-6"), null));
    List<TestClient.Response> first = new java.util.ArrayList<>();
    for (var r : reads) {
      first.add(r.await(10, SECONDS));
    }
    var later = http.send(HEAD, port, HOST, "/lazy.bin").await(5, SECONDS);

    assertThat(first).allSatisfy(r -> {
      assertThat(r.status()).isIn(200, 206);
      assertThat(r.header(CRC)).isEqualTo(expected);
    });
    assertThat(later.header(CRC)).isEqualTo(expected);
  }

  @Test
  void enforcesBucketAclForAnonymousRequests(Vertx vertx) throws Exception {
    var other = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of("private-one", "cn-hangzhou").withAcl(BucketAcl.PRIVATE),
            BucketSettings.of("read-only", "cn-hangzhou").withAcl(BucketAcl.PUBLIC_READ)),
        List.of(EndpointSettings.of(EndpointType.INTERNET)))), 5);
    try {
      int p = other.port(EndpointType.INTERNET);
      other.store().put("private-one", "k", new byte[] {1}, null);
      other.store().put("read-only", "k", new byte[] {1}, null);

      var anonymousPrivate = http.send(GET, p, "private-one.oss-cn-hangzhou.aliyuncs.com", "/k").await(5, SECONDS);
      var signedPrivate = http.send(GET, p, "private-one.oss-cn-hangzhou.aliyuncs.com", "/k",
          Map.of("Authorization", "OSS ak:sig"), null).await(5, SECONDS);
      var presigned = http.send(GET, p, "private-one.oss-cn-hangzhou.aliyuncs.com",
          "/k?OSSAccessKeyId=ak&Expires=1&Signature=x").await(5, SECONDS);
      var readOnlyGet = http.send(GET, p, "read-only.oss-cn-hangzhou.aliyuncs.com", "/k").await(5, SECONDS);
      var readOnlyPut = http.send(PUT, p, "read-only.oss-cn-hangzhou.aliyuncs.com", "/k", Map.of(), Buffer.buffer("x"))
          .await(5, SECONDS);

      assertThat(anonymousPrivate.status()).isEqualTo(403);
      assertThat(anonymousPrivate.text()).contains("<Code>AccessDenied</Code>");
      assertThat(signedPrivate.status()).isEqualTo(200);
      assertThat(presigned.status()).isEqualTo(200);
      assertThat(readOnlyGet.status()).isEqualTo(200);
      assertThat(readOnlyPut.status()).isEqualTo(403);
    } finally {
      Await.on(vertx, other::close, 5);
    }
  }

  static String between(String xml, String element) {
    Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">").matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  static List<String> all(String xml, String element) {
    Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">").matcher(xml);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
