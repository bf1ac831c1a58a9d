package io.ossgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.AuthMode;
import io.ossgate.config.CredentialSources;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.SiteAccess;
import io.ossgate.emulator.GeneratedContent;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.CheckCommand;
import io.ossgate.server.HostEnvironment;
import io.ossgate.signing.Credentials;
import io.ossgate.signing.SignInput;
import io.ossgate.signing.V4Signer;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth: sign} against a private bucket whose emulator verifies every signature: anonymous
 * clients read through the gateway, the emulator refuses them directly, writes need
 * {@code methods}, and credentials come from the environment, a file, or the ECS metadata service.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignSiteTest {

  static final String AK = "LTAIgatewaykey";
  static final String SK = "gateway-secret-Zq81";
  static final Credentials KEY = Credentials.of(AK, SK);
  static final Map<String, String> ENV = Map.of("OSS_ACCESS_KEY_ID", AK, "OSS_ACCESS_KEY_SECRET", SK);

  private static PrivateBucket start(Vertx vertx, Set<String> methods, HostEnvironment host,
      CredentialSources sources, List<Credentials> keys) {
    return PrivateBucket.start(vertx, keys,
        s -> s.withAuth(AuthMode.SIGN).withAccess(methods == null ? s.withAuth(AuthMode.SIGN).access()
            : new SiteAccess(Optional.of(methods), false)),
        c -> c.withCredentials(sources), host, EndpointType.INTERNAL, EndpointType.INTERNET);
  }

  @Test
  void anonymousReadsWorkThroughTheGatewayButNotDirectly(Vertx vertx) {
    try (SecretsLog logs = new SecretsLog();
         PrivateBucket b = start(vertx, null, HostEnvironment.of(ENV), CredentialSources.none(), List.of(KEY))) {
      b.emulator.store().putGenerated(PrivateBucket.BUCKET, "dir/a b+c.bin", 5000, 7, "application/octet-stream");
      String uri = "/dir/a%20b%2Bc.bin";

      GatewayHarness.Response get = b.send(HttpMethod.GET, uri);
      assertThat(get.status()).as(get.text()).isEqualTo(200);
      assertThat(get.body().getBytes()).isEqualTo(GeneratedContent.bytes(7, 0, 5000));
      RecordedRequest upstream = b.emulator.requests().all().get(0);
      assertThat(upstream.header("Authorization")).get().asString()
          .startsWith("OSS4-HMAC-SHA256 Credential=" + AK + "/");
      assertThat(upstream.uri()).isEqualTo(uri);

      GatewayHarness.Response head = b.send(HttpMethod.HEAD, uri);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("5000");

      // The emulator itself refuses anonymous and wrongly signed requests: the gateway's signature is what works.
      GatewayHarness.Response anonymous = b.direct(EndpointType.INTERNAL, HttpMethod.GET, uri, r -> r);
      assertThat(anonymous.status()).isEqualTo(403);
      assertThat(anonymous.text()).contains("<Code>AccessDenied</Code>");
      GatewayHarness.Response forged = b.direct(EndpointType.INTERNAL, HttpMethod.GET, uri,
          r -> sign(r, "GET", "dir/a b+c.bin", Credentials.of(AK, "not-the-secret")));
      assertThat(forged.status()).isEqualTo(403);
      assertThat(forged.text()).contains("<Code>SignatureDoesNotMatch</Code>");
      GatewayHarness.Response unknownKey = b.direct(EndpointType.INTERNAL, HttpMethod.GET, uri,
          r -> sign(r, "GET", "dir/a b+c.bin", Credentials.of("LTAIother", SK)));
      assertThat(unknownKey.text()).contains("<Code>InvalidAccessKeyId</Code>");
      GatewayHarness.Response good = b.direct(EndpointType.INTERNAL, HttpMethod.GET, uri,
          r -> sign(r, "GET", "dir/a b+c.bin", KEY));
      assertThat(good.status()).isEqualTo(200);

      // A client's own (stale, foreign) signature and presign parameters are replaced, other params kept.
      b.emulator.requests().clear();
      GatewayHarness.Response presigned = Await.on(b.harness.vertx(), () -> b.harness.request(HttpMethod.GET, "static.test",
              uri + "?OSSAccessKeyId=LTAIclient&Expires=1&Signature=abc%3D&response-content-type=text%2Fplain"
                  + "&x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=x%2F20200101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request"
                  + "&x-oss-date=20200101T000000Z&x-oss-expires=60&x-oss-signature=00")
          .compose(r -> r.putHeader("Authorization", "OSS LTAIclient:bogus").putHeader("x-oss-security-token", "tok")
              .send())
          .compose(resp -> resp.body().map(body -> new GatewayHarness.Response(resp, body))));
      assertThat(presigned.status()).as(presigned.text()).isEqualTo(200);
      assertThat(presigned.header("Content-Type")).isEqualTo("text/plain");
      RecordedRequest stripped = b.emulator.requests().all().get(0);
      assertThat(stripped.uri()).isEqualTo(uri + "?response-content-type=text%2Fplain");
      assertThat(stripped.header("x-oss-security-token")).isEmpty();

      String status = b.harness.admin("/status").text();
      assertThat(status).doesNotContain(SK);
      assertThat(logs.lines()).noneMatch(l -> l.contains(SK));
    }
  }

  @Test
  void writesNeedMethodsAndThenWork(Vertx vertx) {
    try (PrivateBucket b = start(vertx, null, HostEnvironment.of(ENV), CredentialSources.none(), List.of(KEY))) {
      GatewayHarness.Response refused = put(b, "/up.txt", "hello");
      assertThat(refused.status()).isEqualTo(405);
      assertThat(refused.text()).contains("<Code>MethodNotAllowed</Code>").contains("GET, HEAD");
      assertThat(b.emulator.requests().all()).isEmpty();
    }
    try (PrivateBucket b = start(vertx, Set.of("GET", "HEAD", "PUT", "DELETE"), HostEnvironment.of(ENV),
        CredentialSources.none(), List.of(KEY))) {
      assertThat(put(b, "/up.txt", "hello").status()).isEqualTo(200);
      assertThat(b.send(HttpMethod.GET, "/up.txt").text()).isEqualTo("hello");
      assertThat(b.send(HttpMethod.DELETE, "/up.txt").status()).isEqualTo(204);
      assertThat(b.send(HttpMethod.GET, "/up.txt").status()).isEqualTo(404);
      assertThat(b.send(HttpMethod.POST, "/up.txt?uploads").status()).isEqualTo(405);
    }
  }

  @Test
  void credentialsFromAFile(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[default]\naccess_key_id = other\naccess_key_secret = x\n\n[gateway]\n"
        + "type = access_key\naccess_key_id = " + AK + "\naccess_key_secret = " + SK + "\n");
    try (SecretsLog logs = new SecretsLog();
         PrivateBucket b = start(vertx, null, HostEnvironment.of(Map.of()), CredentialSources.file(file, "gateway"),
             List.of(KEY))) {
      assertThat(b.send(HttpMethod.GET, "/missing").text()).contains("<Code>NoSuchKey</Code>");
      b.emulator.store().put(PrivateBucket.BUCKET, "f", "file-signed".getBytes(), "text/plain");
      assertThat(b.send(HttpMethod.GET, "/f").text()).isEqualTo("file-signed");
      GatewayConfig config = PrivateBucket.config(b.emulator, s -> s.withAuth(AuthMode.SIGN))
          .withCredentials(CredentialSources.file(file, "gateway"));
      String check = CheckCommand.render(config, "test.yaml");
      assertThat(check).contains("file: " + file + ", profile gateway").contains("methods: GET, HEAD")
          .doesNotContain(SK);
      assertThat(logs.lines()).noneMatch(l -> l.contains(SK));
    }
  }

  @Test
  void theEnvironmentWinsOverTheFile(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[default]\naccess_key_id = LTAIfile\naccess_key_secret = wrong\n");
    try (PrivateBucket b = start(vertx, null, HostEnvironment.of(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", AK,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SK)), CredentialSources.file(file, "default"), List.of(KEY))) {
      b.emulator.store().put(PrivateBucket.BUCKET, "e", "env".getBytes(), "text/plain");
      assertThat(b.send(HttpMethod.GET, "/e").text()).isEqualTo("env");
    }
  }

  @Test
  void aSignSiteWithoutCredentialsStopsStartup(Vertx vertx) {
    Throwable failure = null;
    try (PrivateBucket b = start(vertx, null, HostEnvironment.of(Map.of()), CredentialSources.none(), List.of(KEY))) {
      // not reached
    } catch (RuntimeException | AssertionError e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    String message = String.valueOf(failure.getMessage()) + (failure.getCause() == null ? "" : failure.getCause().getMessage());
    assertThat(message).contains("sites[0].auth").contains("OSS_ACCESS_KEY_ID").contains("credentials.file");
  }

  @Test
  void aWrongKeyIsRefusedByTheEmulatorNotHidden(Vertx vertx) {
    try (PrivateBucket b = start(vertx, null, HostEnvironment.of(Map.of("OSS_ACCESS_KEY_ID", AK,
        "OSS_ACCESS_KEY_SECRET", "stale-secret")), CredentialSources.none(), List.of(KEY))) {
      GatewayHarness.Response r = b.send(HttpMethod.GET, "/x");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.text()).contains("SignatureDoesNotMatch").doesNotContain("stale-secret");
    }
  }

  private static GatewayHarness.Response put(PrivateBucket b, String uri, String body) {
    return Await.on(b.harness.vertx(), () -> b.harness.request(HttpMethod.PUT, "static.test", uri)
        .compose(r -> r.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(x -> new GatewayHarness.Response(resp, x))));
  }

  /** Signs a direct request the way an SDK would (V4, header form). */
  static HttpClientRequest sign(HttpClientRequest r, String method, String key, Credentials creds) {
    SignInput in = SignInput.builder(method, Instant.now()).bucket(PrivateBucket.BUCKET).key(key)
        .region("cn-hangzhou").build();
    new V4Signer().signHeaders(in, creds).forEach(r::putHeader);
    return r;
  }
}
