package io.ossgate.health;

import io.ossgate.common.Ticker;
import io.ossgate.config.SelectionSettings;
import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Active probes: one call of {@link #probeOnce} sends one probe and records it. The caller
 * schedules it (every {@code probeInterval}, e.g. {@code vertx.setPeriodic}).
 *
 * <p>Probes feed the latency estimate (so unused upstreams stay measured) and drive breaker
 * recovery: on an OPEN breaker whose {@code openFor} has elapsed, the probe takes the single
 * half-open permit (Resilience4j moves to HALF_OPEN), and its success closes the breaker, its
 * failure re-opens it for another {@code openFor}. Clients are refused while the breaker is not
 * closed (see {@link UpstreamHealth}). On a CLOSED breaker probes count as calls too, so a path
 * that dies while no client uses it still opens its breaker.
 */
public final class Prober {

  private final HealthRegistry registry;
  private final ProbeTransport transport;
  private final Duration timeout;
  private final Ticker ticker;

  public Prober(HealthRegistry registry, ProbeTransport transport, SelectionSettings settings, Ticker ticker) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.timeout = settings.probeTimeout();
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** Sends one probe to {@code upstream}; the stage never fails, the verdict says what happened. */
  public CompletionStage<ProbeResult> probeOnce(Upstream upstream) {
    UpstreamHealth health = registry.health(upstream);
    UpstreamHealth.ProbePermit permit = health.startProbe();
    if (permit == null) {
      return CompletableFuture.completedFuture(
          new ProbeResult(upstream, ProbeResult.Verdict.SKIPPED, Duration.ZERO, health.state()));
    }
    long start = ticker.nanos();
    CompletionStage<ProbeResponse> sent;
    try {
      sent = transport.send(upstream, timeout);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handle((response, error) -> {
      long elapsed = ticker.nanos() - start;
      ProbeResult.Verdict verdict = verdict(response, error, elapsed);
      switch (verdict) {
        case HEALTHY -> health.probeSucceeded(permit, elapsed);
        case INELIGIBLE -> health.probeIneligible(permit, response.ossErrorCode());
        default -> health.probeFailed(permit, elapsed);
      }
      return new ProbeResult(upstream, verdict, Duration.ofNanos(elapsed), health.state());
    });
  }

  private ProbeResult.Verdict verdict(ProbeResponse response, Throwable error, long elapsed) {
    // A transport that overran its timeout is treated as a timeout whatever it returned.
    if (error != null || response == null || elapsed > timeout.toNanos()) {
      return ProbeResult.Verdict.FAILED;
    }
    Outcome outcome = OutcomeClassifier.classify(response.status(), response.ossErrorCode());
    if (outcome == Outcome.INELIGIBLE) {
      return ProbeResult.Verdict.INELIGIBLE;
    }
    if (outcome == Outcome.FAILURE || response.requestId() == null || response.requestId().isEmpty()) {
      return ProbeResult.Verdict.FAILED;
    }
    return ProbeResult.Verdict.HEALTHY;
  }
}
