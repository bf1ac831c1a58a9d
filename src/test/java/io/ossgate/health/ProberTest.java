package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.oss.EndpointType;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ProberTest {

  private final FakeTicker ticker = new FakeTicker();
  private final Site site = HealthFixtures.site(EndpointType.INTERNAL, EndpointType.ACCELERATE);
  private final Upstream internal = site.upstreams().get(0);
  private final HealthRegistry registry = new HealthRegistry(List.of(site), HealthFixtures.settings(), ticker);
  private final UpstreamHealth health = registry.health(internal);

  /** A transport whose answers the test completes by hand, advancing the ticker first. */
  private final Deque<CompletableFuture<ProbeResponse>> pending = new ArrayDeque<>();
  private final Prober prober = new Prober(registry, (u, timeout) -> {
    CompletableFuture<ProbeResponse> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }, HealthFixtures.settings(), ticker);

  private ProbeResult probe(ProbeResponse response, Duration took) {
    CompletionStage<ProbeResult> stage = prober.probeOnce(internal);
    ticker.advance(took);
    pending.removeFirst().complete(response);
    return stage.toCompletableFuture().join();   // already complete: no waiting
  }

  private ProbeResult probeFailing(Throwable error) {
    CompletionStage<ProbeResult> stage = prober.probeOnce(internal);
    ticker.advance(Duration.ofMillis(100));
    pending.removeFirst().completeExceptionally(error);
    return stage.toCompletableFuture().join();
  }

  private static ProbeResponse oss(int status, String code) {
    return new ProbeResponse(status, "5C3D9778CC1C2AEDF85BC4A4", code);
  }

  private void openBreaker() {
    for (int i = 0; i < 4; i++) {
      AttemptTicket t = health.begin();
      t.failed(FailureKind.CONNECT);
    }
    assertThat(health.state()).isEqualTo(HealthState.OPEN);
  }

  @Test
  void probeMeasuresLatencyEvenWithA403() {
    ProbeResult r = probe(oss(403, "AccessDenied"), Duration.ofMillis(12));
    assertThat(r.verdict()).isEqualTo(ProbeResult.Verdict.HEALTHY);
    assertThat(health.view().latencyMs()).isEqualTo(12.0);
    assertThat(health.view().requests()).as("probes are not client requests").isZero();
  }

  @Test
  void breakerRecoversThroughAProbeAfterOpenFor() {
    openBreaker();
    // Before openFor: the probe measures but does not touch the breaker.
    ProbeResult early = probe(oss(404, "NoSuchKey"), Duration.ofMillis(10));
    assertThat(early.verdict()).isEqualTo(ProbeResult.Verdict.HEALTHY);
    assertThat(early.stateAfter()).isEqualTo(HealthState.OPEN);

    ticker.advance(Duration.ofSeconds(10));   // 10 s + the early probe's 10 ms since opening
    CompletionStage<ProbeResult> stage = prober.probeOnce(internal);
    assertThat(health.state()).isEqualTo(HealthState.HALF_OPEN);
    assertThat(health.begin().refusal()).as("clients are not the guinea pigs").contains(Refusal.PROBING);
    assertThat(prober.probeOnce(internal).toCompletableFuture().join().verdict())
        .as("a second probe cannot take the half-open permit").isEqualTo(ProbeResult.Verdict.SKIPPED);
    ticker.advance(Duration.ofMillis(15));
    pending.removeFirst().complete(oss(403, "AccessDenied"));
    assertThat(stage.toCompletableFuture().join().stateAfter()).isEqualTo(HealthState.CLOSED);
    assertThat(health.begin().permitted()).isTrue();
  }

  @Test
  void failedProbeInHalfOpenReopensForAnotherOpenFor() {
    openBreaker();
    ticker.advance(Duration.ofSeconds(10).plusMillis(1));   // Resilience4j: strictly after openFor
    CompletionStage<ProbeResult> stage = prober.probeOnce(internal);
    assertThat(health.state()).isEqualTo(HealthState.HALF_OPEN);
    ticker.advance(Duration.ofMillis(5));
    pending.removeFirst().complete(new ProbeResponse(503, "id", null));
    ProbeResult r = stage.toCompletableFuture().join();
    assertThat(r.verdict()).isEqualTo(ProbeResult.Verdict.FAILED);
    assertThat(r.stateAfter()).isEqualTo(HealthState.OPEN);
    ticker.advance(Duration.ofSeconds(9));
    assertThat(probe(oss(200, null), Duration.ofMillis(5)).stateAfter()).isEqualTo(HealthState.OPEN);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(probe(oss(200, null), Duration.ofMillis(5)).stateAfter()).isEqualTo(HealthState.CLOSED);
  }

  @Test
  void failedProbesOpenAClosedBreakerWithoutAnyClientTraffic() {
    for (int i = 0; i < 4; i++) {
      assertThat(probeFailing(new java.net.ConnectException("refused")).verdict())
          .isEqualTo(ProbeResult.Verdict.FAILED);
    }
    assertThat(health.state()).isEqualTo(HealthState.OPEN);
    assertThat(health.view().latencyMs()).as("penalised").isEqualTo(5000.0);
  }

  @Test
  void answerWithoutOssRequestIdIsNotProof() {
    ProbeResult r = probe(new ProbeResponse(200, null, null), Duration.ofMillis(1));
    assertThat(r.verdict()).isEqualTo(ProbeResult.Verdict.FAILED);
  }

  @Test
  void probeSlowerThanTimeoutFails() {
    ProbeResult r = probe(oss(200, null), Duration.ofSeconds(3));
    assertThat(r.verdict()).isEqualTo(ProbeResult.Verdict.FAILED);
  }

  @Test
  void probeSeesIneligibleCode() {
    ProbeResult r = probe(new ProbeResponse(400, "id", "PublicEndpointForbidden"), Duration.ofMillis(1));
    assertThat(r.verdict()).isEqualTo(ProbeResult.Verdict.INELIGIBLE);
    assertThat(r.stateAfter()).isEqualTo(HealthState.INELIGIBLE);
  }

  @Test
  void transportThrowingSynchronouslyIsAFailedProbe() {
    Prober throwing = new Prober(registry, (u, t) -> {
      throw new IllegalStateException("closed");
    }, HealthFixtures.settings(), ticker);
    assertThat(throwing.probeOnce(internal).toCompletableFuture().join().verdict())
        .isEqualTo(ProbeResult.Verdict.FAILED);
  }
}
