package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ossgate.oss.EndpointType;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class UpstreamHealthTest {

  private final FakeTicker ticker = new FakeTicker();
  private final Site site = HealthFixtures.site(EndpointType.INTERNAL, EndpointType.INTERNET);
  private final Upstream internal = site.upstreams().get(0);
  private final HealthRegistry registry = new HealthRegistry(java.util.List.of(site), HealthFixtures.settings(), ticker);
  private final UpstreamHealth health = registry.health(internal);

  private void respond(int status, String code) {
    AttemptTicket t = health.begin();
    assertThat(t.permitted()).isTrue();
    ticker.advance(Duration.ofMillis(20));
    t.headers(status, code);
    t.bodyDone(100, BodyEnd.COMPLETE);
  }

  @Test
  void latencyIsTimeToHeadersNotTheBody() {
    AttemptTicket t = health.begin();
    ticker.advance(Duration.ofMillis(30));
    assertThat(t.headers(200, null)).isEqualTo(Outcome.SUCCESS);
    ticker.advance(Duration.ofSeconds(30));          // a long body
    t.bodyDone(300L * 1024 * 1024, BodyEnd.COMPLETE);
    UpstreamView v = health.view();
    assertThat(v.latencyMs()).isCloseTo(30.0, within(1e-9));
    assertThat(v.throughputBytesPerSecond()).isCloseTo(10.0 * 1024 * 1024, within(1.0));
    assertThat(v.requests()).isEqualTo(1);
    assertThat(v.bytes()).isEqualTo(300L * 1024 * 1024);
    assertThat(v.inFlight()).isZero();
    assertThat(v.state()).isEqualTo(HealthState.CLOSED);
  }

  @Test
  void latencyOfAStreamedUploadCountsFromTheEndOfItsBody() {
    AttemptTicket t = health.begin();
    ticker.advance(Duration.ofMinutes(2));            // a long upload
    t.bodySent();
    ticker.advance(Duration.ofMillis(40));
    t.headers(200, null);
    t.bodyDone(0, BodyEnd.COMPLETE);
    assertThat(health.view().latencyMs()).isCloseTo(40.0, within(1e-9));
  }

  @Test
  void unknownLatencyIsNullUntilMeasured() {
    assertThat(health.view().latencyMs()).isNull();
    assertThat(health.view().throughputBytesPerSecond()).isNull();
  }

  @Test
  void notFoundAndForbiddenNeverOpenTheBreaker() {
    for (int i = 0; i < 20; i++) {
      respond(i % 2 == 0 ? 404 : 403, i % 2 == 0 ? "NoSuchKey" : "AccessDenied");
    }
    assertThat(health.state()).isEqualTo(HealthState.CLOSED);
    assertThat(health.view().failures()).isZero();
  }

  @Test
  void serverErrorsOpenTheBreakerAfterMinimumCalls() {
    respond(503, null);
    respond(500, "InternalError");
    respond(429, null);
    assertThat(health.state()).as("3 calls < minimumCalls 4").isEqualTo(HealthState.CLOSED);
    respond(502, null);
    assertThat(health.state()).isEqualTo(HealthState.OPEN);
    assertThat(health.view().failures()).isEqualTo(4);
    AttemptTicket refused = health.begin();
    assertThat(refused.permitted()).isFalse();
    assertThat(refused.refusal()).contains(Refusal.BREAKER_OPEN);
    assertThat(health.inFlight()).isZero();
  }

  @Test
  void failureRateBelowThresholdKeepsItClosed() {
    respond(200, null);
    respond(200, null);
    respond(200, null);
    respond(503, null);                       // 25 % < 50 %
    assertThat(health.state()).isEqualTo(HealthState.CLOSED);
    respond(503, null);                       // 40 %
    assertThat(health.state()).isEqualTo(HealthState.CLOSED);
    respond(503, null);                       // 50 %: opens at the threshold
    assertThat(health.state()).isEqualTo(HealthState.OPEN);
  }

  @Test
  void transportFailuresOpenTheBreakerAndArePenalisedInLatency() {
    for (FailureKind kind : new FailureKind[] {FailureKind.CONNECT, FailureKind.RESET,
        FailureKind.FIRST_BYTE_TIMEOUT, FailureKind.PROTOCOL}) {
      AttemptTicket t = health.begin();
      ticker.advance(Duration.ofMillis(5));
      t.failed(kind);
    }
    assertThat(health.state()).isEqualTo(HealthState.OPEN);
    // A 5 ms reset must not look fast: the 5 s penalty applies (Linkerd's lesson).
    assertThat(health.view().latencyMs()).isCloseTo(5000.0, within(1e-6));
    assertThat(health.view().failures()).isEqualTo(4);
    assertThat(health.inFlight()).isZero();
  }

  @Test
  void openBreakerDoesNotLetClientsInEvenAfterOpenForWhileProbing() {
    for (int i = 0; i < 4; i++) {
      respond(503, null);
    }
    ticker.advance(Duration.ofSeconds(11));
    AttemptTicket t = health.begin();
    assertThat(t.permitted()).isFalse();
    assertThat(health.state()).as("clients do not move it to half-open").isEqualTo(HealthState.OPEN);
  }

  @Test
  void withoutProbingClientsTakeTheHalfOpenPermit() {
    HealthRegistry noProbes = new HealthRegistry(java.util.List.of(site),
        HealthFixtures.settings(Duration.ZERO), ticker);
    UpstreamHealth h = noProbes.health(internal);
    for (int i = 0; i < 4; i++) {
      AttemptTicket t = h.begin();
      t.headers(503, null);
      t.bodyDone(0, BodyEnd.COMPLETE);
    }
    assertThat(h.state()).isEqualTo(HealthState.OPEN);
    assertThat(h.begin().permitted()).isFalse();
    ticker.advance(Duration.ofSeconds(10));
    assertThat(h.begin().permitted()).as("Resilience4j waits strictly longer than openFor").isFalse();
    ticker.advance(Duration.ofMillis(1));
    AttemptTicket trial = h.begin();
    assertThat(trial.permitted()).isTrue();
    assertThat(h.state()).isEqualTo(HealthState.HALF_OPEN);
    assertThat(h.begin().refusal()).as("only one half-open permit").contains(Refusal.BREAKER_OPEN);
    trial.headers(200, null);
    trial.bodyDone(10, BodyEnd.COMPLETE);
    assertThat(h.state()).isEqualTo(HealthState.CLOSED);
  }

  @Test
  void publicEndpointForbiddenMakesItIneligibleForIneligibleForThenItReturns() {
    AttemptTicket t = health.begin();
    ticker.advance(Duration.ofMillis(3));
    assertThat(t.headers(400, "PublicEndpointForbidden")).isEqualTo(Outcome.INELIGIBLE);
    t.bodyDone(200, BodyEnd.COMPLETE);
    assertThat(health.state()).isEqualTo(HealthState.INELIGIBLE);
    assertThat(health.view().ineligibleCode()).isEqualTo("PublicEndpointForbidden");
    assertThat(health.view().latencyMs()).as("a fast 400 is no latency sample").isNull();
    assertThat(health.view().failures()).isZero();
    assertThat(health.begin().refusal()).contains(Refusal.INELIGIBLE);

    ticker.advance(Duration.ofMinutes(10).minusNanos(1));
    assertThat(health.state()).isEqualTo(HealthState.INELIGIBLE);
    ticker.advance(Duration.ofNanos(1));
    assertThat(health.state()).isEqualTo(HealthState.CLOSED);
    assertThat(health.view().ineligibleCode()).isNull();
    assertThat(health.begin().permitted()).isTrue();
  }

  @Test
  void inFlightIsBalancedOnEveryPath() {
    AttemptTicket cancelled = health.begin();
    AttemptTicket connectFailed = health.begin();
    AttemptTicket completed = health.begin();
    AttemptTicket bodyBroken = health.begin();
    AttemptTicket clientGone = health.begin();
    AttemptTicket failedAfterHeaders = health.begin();
    AttemptTicket cancelledAfterHeaders = health.begin();
    AttemptTicket bodyWithoutHeaders = health.begin();
    assertThat(health.inFlight()).isEqualTo(8);

    cancelled.cancelled();
    connectFailed.failed(FailureKind.CONNECT);
    completed.headers(200, null);
    bodyBroken.headers(200, null);
    clientGone.headers(206, null);
    failedAfterHeaders.headers(200, null);
    cancelledAfterHeaders.headers(503, null);
    assertThat(health.inFlight()).isEqualTo(6);

    completed.bodyDone(10, BodyEnd.COMPLETE);
    bodyBroken.bodyDone(5, BodyEnd.UPSTREAM_BROKEN);
    clientGone.bodyDone(5, BodyEnd.DOWNSTREAM_GONE);
    failedAfterHeaders.failed(FailureKind.BODY_BROKEN);
    cancelledAfterHeaders.cancelled();
    bodyWithoutHeaders.bodyDone(0, BodyEnd.COMPLETE);   // caller bug: logged, still balanced
    assertThat(health.inFlight()).isZero();

    // Second terminal calls are ignored, never double-decrement.
    completed.bodyDone(10, BodyEnd.COMPLETE);
    cancelled.cancelled();
    connectFailed.failed(FailureKind.RESET);
    bodyBroken.failed(FailureKind.RESET);
    assertThat(health.inFlight()).isZero();
    assertThat(health.view().requests()).as("the two never-sent attempts are not requests").isEqualTo(6);
    // connect + body broken + failed after headers + 503
    assertThat(health.view().failures()).isEqualTo(4);
  }

  @Test
  void refusedTicketsCountNothingAndIgnoreCalls() {
    health.markIneligible("PublicEndpointForbidden");
    AttemptTicket t = health.begin();
    assertThat(t.permitted()).isFalse();
    t.headers(200, null);
    t.bodyDone(10, BodyEnd.COMPLETE);
    t.cancelled();
    assertThat(health.inFlight()).isZero();
    assertThat(health.view().requests()).isZero();
  }

  @Test
  void cancelledAttemptGivesBackTheHalfOpenPermit() {
    HealthRegistry noProbes = new HealthRegistry(java.util.List.of(site),
        HealthFixtures.settings(Duration.ZERO), ticker);
    UpstreamHealth h = noProbes.health(internal);
    for (int i = 0; i < 4; i++) {
      AttemptTicket t = h.begin();
      t.failed(FailureKind.RESET);
    }
    ticker.advance(Duration.ofSeconds(10).plusMillis(1));
    AttemptTicket first = h.begin();
    assertThat(first.permitted()).isTrue();
    assertThat(h.begin().permitted()).isFalse();
    first.cancelled();
    assertThat(h.begin().permitted()).as("permit returned").isTrue();
  }

  @Test
  void lastResortAttemptBypassesTheBreakerButIsCounted() {
    for (int i = 0; i < 4; i++) {
      respond(503, null);
    }
    AttemptTicket t = health.beginLastResort();
    assertThat(t.permitted()).isTrue();
    assertThat(health.inFlight()).isEqualTo(1);
    t.headers(200, null);
    t.bodyDone(1, BodyEnd.COMPLETE);
    assertThat(health.inFlight()).isZero();
    assertThat(health.state()).isEqualTo(HealthState.OPEN);
    assertThat(health.view().requests()).isEqualTo(5);
  }
}
