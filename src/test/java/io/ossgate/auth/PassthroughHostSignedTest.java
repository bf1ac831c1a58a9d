package io.ossgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.SiteAccess;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.EndpointType;
import io.ossgate.server.HostEnvironment;
import io.ossgate.signing.Credentials;
import io.ossgate.signing.QueryStrings;
import io.ossgate.signing.SignInput;
import io.ossgate.signing.V4Signer;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code auth: passthrough} with V4 presigned URLs that sign {@code host}: refused clearly when the
 * custom domain is not bound, forwarded with the client's Host when it is, and pinned to its
 * endpoint type when the client addressed one of the bucket's own domains.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PassthroughHostSignedTest {

  static final Credentials KEY = Credentials.of("LTAIpresigner", "presign-secret-Ty6");

  private static String presignedUri(String host, String key) {
    SignInput in = SignInput.builder("GET", Instant.now()).bucket(PrivateBucket.BUCKET).key(key)
        .region("cn-hangzhou").header("host", host).additionalHeaders(List.of("host")).build();
    return "/" + key + "?" + QueryStrings.render(new V4Signer().presign(in, KEY, Duration.ofMinutes(10)));
  }

  @Test
  void hostSignedUrlOnAnUnboundDomainIsRefusedByTheGateway(Vertx vertx) {
    try (PrivateBucket b = PrivateBucket.start(vertx, List.of(KEY), s -> s, c -> c, HostEnvironment.of(Map.of()),
        EndpointType.INTERNAL, EndpointType.INTERNET)) {
      b.emulator.store().put(PrivateBucket.BUCKET, "k", "v".getBytes(), "text/plain");
      GatewayHarness.Response r = b.send(HttpMethod.GET, presignedUri(TestConfigs.DOMAIN, "k"));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.text()).contains("<Code>SignatureHostMismatch</Code>").contains("bound-domain");
      assertThat(b.emulator.requests().all()).isEmpty();
      // Not signing host is fine: the request is re-targeted to the bucket domain.
      SignInput plain = SignInput.builder("GET", Instant.now()).bucket(PrivateBucket.BUCKET).key("k")
          .region("cn-hangzhou").build();
      String uri = "/k?" + QueryStrings.render(new V4Signer().presign(plain, KEY, Duration.ofMinutes(10)));
      assertThat(b.send(HttpMethod.GET, uri).text()).isEqualTo("v");
    }
  }

  @Test
  void hostSignedUrlOnABoundDomainKeepsTheClientsHost(Vertx vertx) {
    try (PrivateBucket b = PrivateBucket.start(vertx, List.of(KEY),
        s -> s.withAccess(new SiteAccess(Optional.empty(), true)), c -> c, HostEnvironment.of(Map.of()),
        EndpointType.INTERNAL, EndpointType.INTERNET)) {
      b.emulator.store().put(PrivateBucket.BUCKET, "k", "v".getBytes(), "text/plain");
      GatewayHarness.Response r = b.send(HttpMethod.GET, presignedUri(TestConfigs.DOMAIN, "k"));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("v");
      RecordedRequest seen = b.emulator.requests().all().get(0);
      assertThat(seen.host()).isEqualTo(TestConfigs.DOMAIN);
    }
  }

  @Test
  void hostSignedRequestToABucketDomainIsPinnedToThatEndpointType(Vertx vertx) {
    // internet is ranked first; the request signs the internal domain's Host, so only internal can serve it.
    try (PrivateBucket b = PrivateBucket.start(vertx, List.of(KEY), s -> s, c -> c, HostEnvironment.of(Map.of()),
        EndpointType.INTERNET, EndpointType.INTERNAL)) {
      b.emulator.store().put(PrivateBucket.BUCKET, "k", "v".getBytes(), "text/plain");
      String internal = b.emulator.bucketHost(PrivateBucket.BUCKET, EndpointType.INTERNAL);
      GatewayHarness.Response r = b.harness.send(HttpMethod.GET, internal, presignedUri(internal, "k"));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.header("X-Ossgate-Endpoint")).isEqualTo("internal");
      assertThat(b.emulator.requests().all()).extracting(RecordedRequest::endpoint).containsOnly(EndpointType.INTERNAL);
    }
  }
}
