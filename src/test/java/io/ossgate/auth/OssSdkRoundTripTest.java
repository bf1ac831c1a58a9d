package io.ossgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import io.ossgate.config.SelectionPolicy;
import io.ossgate.emulator.Faults;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.Crc64Ecma;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.HostEnvironment;
import io.ossgate.signing.Credentials;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CheckedInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #4 "What it must show": the official OSS Java SDK (3.18.3), in CNAME mode against the
 * gateway's custom domain (reached through the SDK's HTTP proxy setting, since static.test does not
 * resolve), signs V1 and V4; the gateway passes the signatures through and the emulator verifies
 * every one with the same key. Put, get, head, delete, multipart and presigned URLs all work, also
 * after the internal endpoint starts refusing connections and the gateway fails over to internet.
 * The emulator sends {@code x-oss-hash-crc64ecma} like OSS, so the SDK's CRC-64 checks run: uploads
 * and downloads prove that the gateway altered no body. The SDK is blocking: it is only called from
 * the JUnit thread.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OssSdkRoundTripTest {

  static final Credentials KEY = Credentials.of("LTAIsdkclient", "sdk-client-secret-Pw3");

  @Test
  void v1(Vertx vertx) throws Exception {
    roundTrip(vertx, SignVersion.V1);
  }

  @Test
  void v4(Vertx vertx) throws Exception {
    roundTrip(vertx, SignVersion.V4);
  }

  private void roundTrip(Vertx vertx, SignVersion version) throws Exception {
    try (SecretsLog logs = new SecretsLog();
         // Ordered: this test is about signatures and failover. Under the latency policy the cold
         // JVM's first, slow request through internal (over 2 s seen) could send the next to internet.
         PrivateBucket b = PrivateBucket.start(vertx, List.of(KEY), s -> s.withPolicy(SelectionPolicy.ORDERED), c -> c,
             HostEnvironment.of(Map.of()), EndpointType.INTERNAL, EndpointType.INTERNET)) {
      int port = b.harness.gateway().httpPort();
      OSS sdk = client(port, version, KEY);
      OSS wrongKey = client(port, version, Credentials.of(KEY.accessKeyId(), "wrong"));
      try {
        exercise(b, sdk, "before/", EndpointType.INTERNAL, version);
        OSSException refused = (OSSException) org.assertj.core.api.Assertions.catchThrowable(
            () -> wrongKey.getObjectMetadata(PrivateBucket.BUCKET, "before/small.txt"));
        assertThat(refused).as("the emulator really checks the SDK's signature").isNotNull();
        assertThat(refused.getErrorCode()).isEqualTo("SignatureDoesNotMatch");

        Await.on(vertx, () -> b.emulator.faults(EndpointType.INTERNAL).set(Faults.none().withRefuseConnections(true)));
        // Retry-safe requests first: they fail over (and flush the gateway's pooled connections to
        // internal). A streamed SDK upload on a connection cut under it could not be replayed.
        for (int i = 0; i < 3; i++) {
          assertThat(b.send(HttpMethod.GET, "/before/anything").header("X-Ossgate-Endpoint")).isEqualTo("internet");
        }
        exercise(b, sdk, "after/", EndpointType.INTERNET, version);
      } finally {
        sdk.shutdown();
        wrongKey.shutdown();
      }
      assertThat(logs.lines()).noneMatch(l -> l.contains(KEY.accessKeySecret()));
    }
  }

  private void exercise(PrivateBucket b, OSS sdk, String prefix, EndpointType expected, SignVersion version)
      throws IOException {
    String bucket = PrivateBucket.BUCKET;
    byte[] small = "hello from the OSS SDK".getBytes();
    PutObjectResult put = sdk.putObject(bucket, prefix + "small.txt", new ByteArrayInputStream(small));
    assertThat(put.getServerCRC()).as("the SDK checked the upload's CRC").isNotNull().isEqualTo(put.getClientCRC());
    OSSObject got = sdk.getObject(bucket, prefix + "small.txt");
    assertThat(read(got.getObjectContent())).isEqualTo(small);
    assertThat(got.getServerCRC()).isNotNull().isEqualTo(clientCrc(got));
    ObjectMetadata meta = sdk.getObjectMetadata(bucket, prefix + "small.txt");
    assertThat(meta.getContentLength()).isEqualTo(small.length);
    assertThat(meta.getServerCRC()).isEqualTo(Crc64Ecma.of(small));
    assertThat(sdk.doesObjectExist(bucket, prefix + "small.txt")).isTrue();

    // Multipart: two parts, the first at the 100 KiB minimum.
    String key = prefix + "multi part.bin";
    byte[] part1 = new byte[100 * 1024];
    Arrays.fill(part1, (byte) 'a');
    byte[] part2 = "tail".getBytes();
    String uploadId = sdk.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key)).getUploadId();
    List<PartETag> etags = new ArrayList<>();
    int n = 1;
    for (byte[] part : List.of(part1, part2)) {
      UploadPartRequest up = new UploadPartRequest(bucket, key, uploadId, n++, new ByteArrayInputStream(part), part.length);
      UploadPartResult r = sdk.uploadPart(up);
      assertThat(r.getServerCRC()).as("the SDK checked the part's CRC").isNotNull().isEqualTo(r.getClientCRC());
      etags.add(r.getPartETag());
    }
    CompleteMultipartUploadResult completed =
        sdk.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, key, uploadId, etags));
    // The SDK combines the parts' CRCs into the client side of this check.
    assertThat(completed.getServerCRC()).isNotNull().isEqualTo(completed.getClientCRC());
    OSSObject multi = sdk.getObject(bucket, key);
    byte[] whole = read(multi.getObjectContent());
    assertThat(multi.getServerCRC()).isNotNull().isEqualTo(clientCrc(multi));
    assertThat(whole).hasSize(part1.length + part2.length);
    assertThat(Arrays.copyOfRange(whole, part1.length, whole.length)).isEqualTo(part2);

    // Presigned URLs made by the SDK, fetched through the gateway by a plain HTTP client.
    URL url = sdk.generatePresignedUrl(bucket, prefix + "small.txt", new Date(System.currentTimeMillis() + 600_000));
    b.emulator.requests().clear();
    GatewayHarness.Response presigned = b.harness.send(HttpMethod.GET, url.getHost(), url.getFile());
    assertThat(presigned.status()).as(presigned.text()).isEqualTo(200);
    assertThat(presigned.body().getBytes()).isEqualTo(small);
    RecordedRequest seen = b.emulator.requests().all().get(b.emulator.requests().all().size() - 1);
    assertThat(seen.endpoint()).isEqualTo(expected);
    assertThat(seen.uri()).contains(version == SignVersion.V4 ? "x-oss-signature=" : "Signature=");
    sdk.getObjectMetadata(bucket, prefix + "small.txt");
    RecordedRequest head = b.emulator.requests().all().get(b.emulator.requests().all().size() - 1);
    assertThat(head.header("Authorization").orElseThrow())
        .startsWith(version == SignVersion.V4 ? "OSS4-HMAC-SHA256 Credential=" + KEY.accessKeyId() : "OSS " + KEY.accessKeyId());
    assertThat(head.endpoint()).isEqualTo(expected);

    sdk.deleteObject(bucket, prefix + "small.txt");
    assertThat(sdk.doesObjectExist(bucket, prefix + "small.txt")).isFalse();
    assertThatThrownBy(() -> sdk.getObject(bucket, prefix + "small.txt"))
        .isInstanceOfSatisfying(OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchKey"));
  }

  private static OSS client(int gatewayPort, SignVersion version, Credentials key) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSupportCname(true);
    // static.test does not resolve: the SDK reaches the gateway as its HTTP proxy (absolute-form requests).
    conf.setProxyHost("127.0.0.1");
    conf.setProxyPort(gatewayPort);
    conf.setSignatureVersion(version);
    conf.setMaxErrorRetry(0);
    conf.setConnectionTimeout(5_000);
    conf.setSocketTimeout(15_000);
    return OSSClientBuilder.create()
        .endpoint("http://static.test:" + gatewayPort)
        .credentialsProvider(new DefaultCredentialProvider(key.accessKeyId(), key.accessKeySecret()))
        .clientConfiguration(conf)
        .region("cn-hangzhou")
        .build();
  }

  /**
   * The CRC-64 of what was read from a download: the SDK feeds its content through a
   * CheckedInputStream but leaves the comparison with {@code getServerCRC()} to the caller.
   */
  private static long clientCrc(OSSObject object) {
    return ((CheckedInputStream) object.getObjectContent()).getChecksum().getValue();
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
