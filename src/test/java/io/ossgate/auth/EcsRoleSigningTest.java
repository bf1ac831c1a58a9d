package io.ossgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.AuthMode;
import io.ossgate.config.CredentialSources;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.HostEnvironment;
import io.ossgate.signing.Credentials;
import io.ossgate.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code credentials.ecs-ram-role}: STS credentials from a fake metadata service, fetched once at
 * startup, refreshed when they expire (the provider's clock is stepped, not waited for), and the
 * token travels signed as {@code x-oss-security-token}. No secret or token reaches a log.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EcsRoleSigningTest {

  static final Credentials FIRST = Credentials.sts("STS.first", "first-secret-9QX", "first-token-7Hd", null);
  static final Credentials SECOND = Credentials.sts("STS.second", "second-secret-4Lm", "second-token-2Kp", null);

  @Test
  void stsCredentialsAreFetchedAtStartupAndRefreshedOnExpiry(Vertx vertx) {
    io.ossgate.testing.MutableClock clock = new io.ossgate.testing.MutableClock(Instant.now());
    AtomicReference<Credentials> serving = new AtomicReference<>(FIRST);
    AtomicInteger fetches = new AtomicInteger();
    HttpServer metadata = vertx.createHttpServer().requestHandler(req -> {
      String path = req.path();
      if (path.equals("/latest/api/token")) {
        req.response().end("imds-token");
      } else if (path.equals("/latest/meta-data/ram/security-credentials/gw-role")) {
        fetches.incrementAndGet();
        Credentials c = serving.get();
        req.response().end("{\"AccessKeyId\":\"" + c.accessKeyId() + "\",\"AccessKeySecret\":\"" + c.accessKeySecret()
            + "\",\"SecurityToken\":\"" + c.securityToken().orElseThrow() + "\",\"Expiration\":\""
            + clock.instant().plus(Duration.ofHours(1)) + "\",\"Code\":\"Success\"}");
      } else {
        req.response().setStatusCode(404).end();
      }
    });
    Await.on(vertx, () -> metadata.listen(0, "127.0.0.1"));
    URI endpoint = URI.create("http://127.0.0.1:" + metadata.actualPort());
    try (SecretsLog logs = new SecretsLog();
         PrivateBucket b = PrivateBucket.start(vertx, List.of(FIRST, SECOND), s -> s.withAuth(AuthMode.SIGN),
             c -> c.withCredentials(CredentialSources.ecs(endpoint, Optional.of("gw-role"))),
             new HostEnvironment(Map.of(), clock), EndpointType.INTERNAL, EndpointType.INTERNET)) {
      assertThat(fetches).as("fetched once at startup").hasValue(1);
      b.emulator.store().put(PrivateBucket.BUCKET, "k", "v".getBytes(), "text/plain");

      assertThat(b.send(HttpMethod.GET, "/k").text()).isEqualTo("v");
      RecordedRequest first = b.emulator.requests().all().get(0);
      assertThat(first.header("Authorization").orElseThrow()).contains("Credential=STS.first/");
      assertThat(first.header("x-oss-security-token")).contains("first-token-7Hd");
      assertThat(fetches).hasValue(1);

      serving.set(SECOND);
      clock.advance(Duration.ofHours(2)); // the first credentials are now expired
      b.emulator.requests().clear();
      assertThat(b.send(HttpMethod.GET, "/k").text()).isEqualTo("v");
      RecordedRequest second = b.emulator.requests().all().get(0);
      assertThat(second.header("Authorization").orElseThrow()).contains("Credential=STS.second/");
      assertThat(second.header("x-oss-security-token")).contains("second-token-2Kp");
      assertThat(fetches).hasValue(2);

      assertThat(b.harness.admin("/status").text()).doesNotContain("secret-").doesNotContain("token-");
      assertThat(logs.lines()).noneMatch(l -> l.contains("first-secret") || l.contains("second-secret")
          || l.contains("first-token") || l.contains("second-token"));
    } finally {
      Await.on(vertx, metadata::close);
    }
  }
}
