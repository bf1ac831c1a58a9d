package io.ossgate.signing;

import io.ossgate.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class EcsRamRoleCredentialsTest {

  private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
  private static final Instant EXP1 = T0.plus(Duration.ofHours(6));

  private FakeMetadataServer server;
  private HttpClient http;
  private MutableClock clock;

  @BeforeEach
  void start() throws Exception {
    server = new FakeMetadataServer();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    clock = new MutableClock(T0);
    server.serveCredentials("STS.id1", "secret-one", "token-one", EXP1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private EcsMetadataClient client(Optional<String> role, boolean v1Disabled) {
    return new EcsMetadataClient(http, server.base(), role, v1Disabled, Duration.ofSeconds(5));
  }

  private RefreshingCredentialsProvider provider() {
    return new RefreshingCredentialsProvider(client(Optional.empty(), false)::fetch, clock,
        RefreshPolicy.DEFAULT, "ecs-ram-role(test)");
  }

  private static Credentials await(CompletionStage<Credentials> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletionStage<Credentials> stage) {
    try {
      stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void usesTheImdsV2TokenAndDiscoversTheRole() throws Exception {
    Credentials c = await(provider().credentials());
    assertThat(c.accessKeyId()).isEqualTo("STS.id1");
    assertThat(c.accessKeySecret()).isEqualTo("secret-one");
    assertThat(c.securityToken()).contains("token-one");
    assertThat(c.expiration()).contains(EXP1);
    assertThat(server.seen).extracting(FakeMetadataServer.Seen::method, FakeMetadataServer.Seen::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PUT", EcsMetadataClient.TOKEN_PATH),
            org.assertj.core.groups.Tuple.tuple("GET", EcsMetadataClient.ROLE_PATH),
            org.assertj.core.groups.Tuple.tuple("GET", EcsMetadataClient.ROLE_PATH + FakeMetadataServer.ROLE));
    assertThat(server.seen.get(0).ttlHeader()).isEqualTo("21600");
    assertThat(server.seen.subList(1, 3)).allSatisfy(s ->
        assertThat(s.tokenHeader()).isEqualTo(FakeMetadataServer.TOKEN));
  }

  @Test
  void configuredRoleSkipsDiscoveryAndRoleIsDiscoveredOnce() throws Exception {
    await(client(Optional.of(FakeMetadataServer.ROLE), false).fetch());
    assertThat(server.seen).noneMatch(s -> s.path().equals(EcsMetadataClient.ROLE_PATH));
    server.seen.clear();
    EcsMetadataClient discovering = client(Optional.empty(), false);
    await(discovering.fetch());
    await(discovering.fetch());
    assertThat(server.seen).filteredOn(s -> s.path().equals(EcsMetadataClient.ROLE_PATH)).hasSize(1);
  }

  @Test
  void fallsBackToImdsV1UnlessDisabled() throws Exception {
    server.tokenEndpointEnabled = false;
    assertThat(await(client(Optional.empty(), false).fetch()).accessKeyId()).isEqualTo("STS.id1");
    assertThat(server.seen.get(2).tokenHeader()).isNull();
    Throwable t = failure(client(Optional.empty(), true).fetch());
    assertThat(t).isInstanceOf(CredentialsException.class).hasMessageContaining("IMDSv1 is disabled");
  }

  @Test
  void servesCachedCredentialsUntilRefreshIsDue() throws Exception {
    RefreshingCredentialsProvider p = provider();
    await(p.credentials());
    clock.advance(Duration.ofHours(4)); // 2h of 6h left: more than 20%, more than 15 min
    CompletableFuture<Credentials> first = p.lastFetch().orElseThrow();
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id1");
    assertThat(p.lastFetch()).containsSame(first);
    assertThat(server.credentialFetches.get()).isEqualTo(1);
  }

  @Test
  void refreshesBeforeExpirationWhileServingTheOldCredentials() throws Exception {
    RefreshingCredentialsProvider p = provider();
    await(p.credentials());
    server.serveCredentials("STS.id2", "secret-two", "token-two", EXP1.plus(Duration.ofHours(6)));
    clock.advance(Duration.ofHours(5)); // 1h of 6h left: under 20%
    CompletableFuture<Credentials> first = p.lastFetch().orElseThrow();
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id1"); // no waiting
    CompletableFuture<Credentials> refresh = p.lastFetch().orElseThrow();
    assertThat(refresh).isNotSameAs(first);
    assertThat(refresh.get(5, TimeUnit.SECONDS).accessKeyId()).isEqualTo("STS.id2");
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id2");
    assertThat(server.credentialFetches.get()).isEqualTo(2);
  }

  @Test
  void concurrentCallersShareOneFetch() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    server.gate.set(gate);
    RefreshingCredentialsProvider p = provider();
    CompletionStage<Credentials> a = p.credentials();
    CompletionStage<Credentials> b = p.credentials();
    assertThat(a.toCompletableFuture().isDone()).isFalse();
    gate.complete(null);
    assertThat(await(a)).isEqualTo(await(b));
    assertThat(server.credentialFetches.get()).isEqualTo(1);
  }

  @Test
  void failedRefreshKeepsServingOldCredentialsWithBackoff() throws Exception {
    RefreshingCredentialsProvider p = provider();
    await(p.credentials());
    server.fail(500);
    clock.advance(Duration.ofHours(5).plusMinutes(30)); // 30 min left: due
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id1");
    CompletableFuture<Credentials> refresh = p.lastFetch().orElseThrow();
    Throwable refreshError = failure(refresh);
    assertThat(server.credentialFetches.get()).isEqualTo(2);

    // Within the backoff no new fetch starts; the old credentials are still served.
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id1");
    assertThat(p.lastFetch()).containsSame(refresh);
    assertThat(server.credentialFetches.get()).isEqualTo(2);

    // After the backoff the next call retries (and fails again: the backoff doubles).
    clock.advance(RefreshPolicy.DEFAULT.backoff(1));
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id1");
    CompletableFuture<Credentials> retry = p.lastFetch().orElseThrow();
    assertThat(retry).isNotSameAs(refresh);
    failure(retry);
    assertThat(server.credentialFetches.get()).isEqualTo(3);

    // Once expired, callers wait for a fetch and get its failure, which names no secret ...
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    Throwable expired = failure(p.credentials());
    assertThat(server.credentialFetches.get()).isEqualTo(4);
    // ... and within the backoff they get the last failure at once, without a fetch.
    Throwable backingOff = failure(p.credentials());
    assertThat(server.credentialFetches.get()).isEqualTo(4);
    for (Throwable t : new Throwable[] {refreshError, expired, backingOff}) {
      assertThat(t).isInstanceOf(CredentialsException.class).hasMessageContaining("HTTP 500");
      assertThat(t.getMessage()).doesNotContain("secret").doesNotContain("LEAKED").doesNotContain("token-one");
    }
    assertThat(p.toString()).doesNotContain("secret-one").doesNotContain("token-one");

    // Recovery.
    server.serveCredentials("STS.id3", "secret-three", "token-three", clock.instant().plus(Duration.ofHours(6)));
    clock.advance(RefreshPolicy.DEFAULT.maxBackoff());
    assertThat(await(p.credentials()).accessKeyId()).isEqualTo("STS.id3");
  }

  @Test
  void badCodeAndBadJsonNeverEchoTheBody() {
    String leaky = "{\"Code\":\"Failure\",\"AccessKeySecret\":\"very-secret\"}";
    assertThatThrownBy(() -> EcsMetadataClient.parse(leaky, "/p"))
        .hasMessageContaining("Failure").hasMessageNotContaining("very-secret");
    assertThatThrownBy(() -> EcsMetadataClient.parse("{not json very-secret", "/p"))
        .hasMessageContaining("invalid JSON").hasMessageNotContaining("very-secret");
    assertThatThrownBy(() -> EcsMetadataClient.parse(
        "{\"Code\":\"Success\",\"AccessKeyId\":\"a\",\"AccessKeySecret\":\"very-secret\"}", "/p"))
        .hasMessageContaining("lacks").hasMessageNotContaining("very-secret");
  }

  @Test
  void unreachableServiceFailsWithoutBlocking() throws Exception {
    server.close();
    CompletionStage<Credentials> stage = provider().credentials();
    Throwable t = failure(stage);
    assertThat(t).isInstanceOf(CredentialsException.class);
  }
}
