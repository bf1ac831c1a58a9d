package io.ossgate.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.ossgate.common.Ticker;
import io.ossgate.config.SelectionSettings;
import io.ossgate.config.SelectionSettings.BreakerSettings;
import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Health of one upstream (one site × endpoint type): in-flight count, counters, latency and
 * throughput estimates, a Resilience4j breaker used by hand, and an "ineligible until" time.
 *
 * <p>Breaker rules (STYLE P4, DESIGN "rules of the road"): the outcome is recorded when response
 * headers arrive, never over the body; 5xx/429/transport failures are errors; 4xx are successes
 * (see {@link OutcomeClassifier}); ineligibility codes release the permission without recording.
 * The breaker never moves from OPEN to HALF_OPEN by itself (no scheduler thread): while active
 * probing is on, only {@link Prober} calls {@code tryAcquirePermission} on a non-closed breaker,
 * which makes Resilience4j move it to HALF_OPEN after {@code openFor} and hands the single
 * half-open permit to the probe. Client requests are refused meanwhile, so they are never the
 * guinea pigs. With probing off ({@code probeInterval: 0}) clients take that permit instead,
 * otherwise an open breaker could never close.
 *
 * <p>Thread-safe and non-blocking: atomics, plus the estimates' tiny monitors.
 */
public final class UpstreamHealth {

  private static final long NOT_INELIGIBLE = Long.MIN_VALUE;

  private final Upstream upstream;
  private final Ticker ticker;
  private final HealthTuning tuning;
  private final BreakerSettings breakerSettings;
  private final boolean probing;
  private final CircuitBreaker breaker;
  private final PeakEwma latency;
  private final ThroughputEstimate throughput;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong ineligibleUntil = new AtomicLong(NOT_INELIGIBLE);
  private volatile String ineligibleCode;

  public UpstreamHealth(Upstream upstream, SelectionSettings settings, HealthTuning tuning, Ticker ticker) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.tuning = Objects.requireNonNull(tuning, "tuning");
    this.breakerSettings = settings.breaker();
    this.probing = !settings.probeInterval().isZero();
    this.breaker = CircuitBreaker.of(upstream.id(), breakerConfig(settings.breaker(), ticker));
    this.latency = new PeakEwma(settings.decay(), ticker);
    this.throughput = new ThroughputEstimate(settings.decay(), tuning.throughputMinBytes(), ticker);
  }

  static CircuitBreakerConfig breakerConfig(BreakerSettings b, Ticker ticker) {
    return CircuitBreakerConfig.custom()
        .clock(ticker.asClock())
        .currentTimestampFunction(clock -> ticker.nanos(), TimeUnit.NANOSECONDS)
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(b.windowSize())
        .minimumNumberOfCalls(b.minimumCalls())
        .failureRateThreshold(b.failureRatePercent())
        .waitDurationInOpenState(b.openFor())
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        // One half-open call decides: with probes that is one probe, not a batch of clients.
        .permittedNumberOfCallsInHalfOpenState(1)
        // Slowness is the ranking's business (Peak EWMA), not the breaker's: a 10 GB download
        // or a slow-but-working path must not trip it (peers §1.5, the 1-second trap).
        .slowCallRateThreshold(100)
        .slowCallDurationThreshold(Duration.ofDays(1))
        .build();
  }

  public Upstream upstream() {
    return upstream;
  }

  /**
   * Starts a client attempt. When permitted, in-flight is incremented and the ticket must be
   * ended by exactly one of its terminal calls. When refused, nothing is counted.
   */
  public AttemptTicket begin() {
    long now = ticker.nanos();
    if (isIneligible(now)) {
      return new AttemptTicket(this, Refusal.INELIGIBLE, false, now);
    }
    CircuitBreaker.State state = breaker.getState();
    if (probing && state != CircuitBreaker.State.CLOSED) {
      return new AttemptTicket(this, state == CircuitBreaker.State.HALF_OPEN ? Refusal.PROBING
          : Refusal.BREAKER_OPEN, false, now);
    }
    if (!breaker.tryAcquirePermission()) {
      return new AttemptTicket(this, Refusal.BREAKER_OPEN, false, now);
    }
    inFlight.incrementAndGet();
    return new AttemptTicket(this, null, true, now);
  }

  /**
   * A last-resort attempt when every upstream of a site is refused: no breaker permission is
   * taken and the breaker is not fed (probes decide recovery), but counters and estimates are.
   */
  public AttemptTicket beginLastResort() {
    inFlight.incrementAndGet();
    return new AttemptTicket(this, null, false, ticker.nanos());
  }

  // ---- ticket callbacks (each terminal one decrements in-flight exactly once) ----

  void onHeaders(AttemptTicket t, Outcome outcome, String code, long ttfbNanos) {
    requests.incrementAndGet();
    switch (outcome) {
      case SUCCESS, NEUTRAL -> {
        latency.observe(ttfbNanos);
        if (t.holdsPermit()) {
          breaker.onSuccess(ttfbNanos, TimeUnit.NANOSECONDS);
        }
      }
      case FAILURE -> {
        failures.incrementAndGet();
        latency.observe(penalised(ttfbNanos));
        if (t.holdsPermit()) {
          breaker.onError(ttfbNanos, TimeUnit.NANOSECONDS, UpstreamFailure.status());
        }
      }
      case INELIGIBLE -> {
        // Not a latency sample: a fast 400 would otherwise attract traffic once eligible again.
        markIneligible(code);
        if (t.holdsPermit()) {
          breaker.releasePermission();
        }
      }
    }
  }

  void onTransportFailure(AttemptTicket t, FailureKind kind, long elapsedNanos) {
    requests.incrementAndGet();
    failures.incrementAndGet();
    latency.observe(penalised(elapsedNanos));
    if (t.holdsPermit()) {
      breaker.onError(elapsedNanos, TimeUnit.NANOSECONDS, UpstreamFailure.of(kind));
    }
    inFlight.decrementAndGet();
  }

  void onBodyEnd(AttemptTicket t, long bodyBytes, BodyEnd end, long bodyNanos) {
    bytes.addAndGet(Math.max(0, bodyBytes));
    switch (end) {
      case COMPLETE -> throughput.observe(bodyBytes, bodyNanos);
      case UPSTREAM_BROKEN -> {
        // A cut body is a failure of the path. The success recorded at headers stays, so the
        // breaker sees one success and one error for this request: softer than a 5xx, but a
        // path that keeps cutting bodies still opens. No latency sample: TTFB was fine.
        failures.incrementAndGet();
        if (t.holdsPermit()) {
          breaker.onError(0, TimeUnit.NANOSECONDS, UpstreamFailure.of(FailureKind.BODY_BROKEN));
        }
      }
      case DOWNSTREAM_GONE -> { /* the client's doing: nothing about the upstream */ }
    }
    inFlight.decrementAndGet();
  }

  void onAbandoned(AttemptTicket t) {
    if (t.holdsPermit()) {
      breaker.releasePermission();
    }
    inFlight.decrementAndGet();
  }

  // ---- probes (package-private: only Prober drives these) ----

  /** The permission a probe holds on the breaker, if any. */
  enum ProbePermit { BREAKER, NONE }

  /**
   * Decides whether a probe may run now and whether it feeds the breaker. Returns null when the
   * breaker is half-open and its single permit is already out (another probe in flight).
   */
  ProbePermit startProbe() {
    CircuitBreaker.State before = breaker.getState();
    if (breaker.tryAcquirePermission()) {
      return ProbePermit.BREAKER;   // CLOSED, or OPEN → HALF_OPEN after openFor, or HALF_OPEN
    }
    // OPEN and openFor not yet elapsed: still measure latency, but tell the breaker nothing.
    return before == CircuitBreaker.State.HALF_OPEN ? null : ProbePermit.NONE;
  }

  void probeSucceeded(ProbePermit permit, long ttfbNanos) {
    latency.observe(ttfbNanos);
    if (permit == ProbePermit.BREAKER) {
      breaker.onSuccess(ttfbNanos, TimeUnit.NANOSECONDS);
    }
  }

  void probeFailed(ProbePermit permit, long elapsedNanos) {
    latency.observe(penalised(elapsedNanos));
    if (permit == ProbePermit.BREAKER) {
      breaker.onError(elapsedNanos, TimeUnit.NANOSECONDS, UpstreamFailure.probe());
    }
  }

  void probeIneligible(ProbePermit permit, String code) {
    markIneligible(code);
    if (permit == ProbePermit.BREAKER) {
      breaker.releasePermission();
    }
  }

  // ---- state ----

  void markIneligible(String code) {
    ineligibleCode = code;
    ineligibleUntil.set(ticker.nanos() + breakerSettings.ineligibleFor().toNanos());
  }

  private boolean isIneligible(long now) {
    long until = ineligibleUntil.get();
    return until != NOT_INELIGIBLE && now - until < 0;
  }

  private long penalised(long nanos) {
    return Math.max(nanos, tuning.failurePenalty().toNanos());
  }

  long now() {
    return ticker.nanos();
  }

  /** The state shown to routing and the admin page. Ineligibility wins over the breaker. */
  public HealthState state() {
    if (isIneligible(ticker.nanos())) {
      return HealthState.INELIGIBLE;
    }
    return switch (breaker.getState()) {
      case OPEN, FORCED_OPEN -> HealthState.OPEN;
      case HALF_OPEN -> HealthState.HALF_OPEN;
      default -> HealthState.CLOSED;
    };
  }

  /** The OSS code that made the upstream ineligible, while it is; else null. */
  public String ineligibleCode() {
    return isIneligible(ticker.nanos()) ? ineligibleCode : null;
  }

  /** An immutable view of this upstream now. */
  public UpstreamView view() {
    double lat = latency.estimateNanos();
    double tput = throughput.bytesPerSecond();
    return new UpstreamView(upstream, state(),
        Double.isNaN(lat) ? null : lat / 1e6,
        Double.isNaN(tput) ? null : tput,
        inFlight.get(), requests.get(), failures.get(), bytes.get(), ineligibleCode());
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** The Resilience4j breaker, for metrics binding and event listeners (keep them cheap). */
  public CircuitBreaker breaker() {
    return breaker;
  }
}
