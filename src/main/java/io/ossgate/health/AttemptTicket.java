package io.ossgate.health;

import io.ossgate.site.Upstream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one upstream, from {@link UpstreamHealth#begin()} to its end. Exactly one of
 * these ends it, and the in-flight count is decremented exactly once whatever the path:
 * <pre>
 *   begin ─┬─ cancelled()                       (never sent: permission given back)
 *          ├─ failed(kind)                      (no headers: connect, reset, timeout)
 *          └─ headers(status, code) ─┬─ bodyDone(bytes, end)
 *                                    └─ failed(kind)   (same as bodyDone(0, UPSTREAM_BROKEN))
 * </pre>
 * Calls out of this order are bugs in the caller: they are logged and still leave the counters
 * balanced. A refused ticket ({@link #permitted()} false) counts nothing and ignores every call.
 * Thread-safe (transitions are CAS), though a ticket normally lives on one event loop.
 */
public final class AttemptTicket {

  private static final Logger LOG = LoggerFactory.getLogger(AttemptTicket.class);

  enum Phase { SENT, HEADERS, DONE }

  private final UpstreamHealth health;
  private final Refusal refusal;
  private final boolean holdsPermit;
  private final AtomicReference<Phase> phase;
  private volatile long headersNanos;
  /** From when the gateway waits on the upstream: the start, or when a streamed body was all sent. */
  private volatile long waitingSinceNanos;

  AttemptTicket(UpstreamHealth health, Refusal refusal, boolean holdsPermit, long startNanos) {
    this.health = health;
    this.refusal = refusal;
    this.holdsPermit = holdsPermit;
    this.waitingSinceNanos = startNanos;
    this.phase = new AtomicReference<>(refusal == null ? Phase.SENT : Phase.DONE);
  }

  public Upstream upstream() {
    return health.upstream();
  }

  /** True when the attempt may be sent. */
  public boolean permitted() {
    return refusal == null;
  }

  /** Why the attempt was refused; empty when permitted. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * The request's body, streamed from the client, has been sent whole: the time to headers (and
   * to a failure) counts from now. The upload took as long as the client and the path took to
   * send it, which says nothing about how fast the upstream answers; counted, a long upload would
   * make its upstream look that slow and send other requests elsewhere (the first-byte timeout
   * starts here too).
   */
  public void bodySent() {
    if (phase.get() == Phase.SENT) {
      waitingSinceNanos = health.now();
    }
  }

  /**
   * Response headers arrived: records time to headers since {@code begin} (or since a streamed
   * body was sent, see {@link #bodySent}), feeds the breaker and
   * returns the classification (the proxy uses {@link Outcome#INELIGIBLE} and
   * {@link Outcome#FAILURE} to decide on failover while nothing has gone downstream).
   */
  public Outcome headers(int status, String ossErrorCodeOrNull) {
    Outcome outcome = OutcomeClassifier.classify(status, ossErrorCodeOrNull);
    if (!phase.compareAndSet(Phase.SENT, Phase.HEADERS)) {
      illegal("headers");
      return outcome;
    }
    long now = health.now();
    headersNanos = now;
    health.onHeaders(this, outcome, ossErrorCodeOrNull, now - waitingSinceNanos);
    return outcome;
  }

  /**
   * The attempt failed. Before headers this is a transport failure (breaker error, latency
   * penalty); after headers it is a broken body, like {@code bodyDone(0, UPSTREAM_BROKEN)}.
   */
  public void failed(FailureKind kind) {
    if (phase.compareAndSet(Phase.SENT, Phase.DONE)) {
      health.onTransportFailure(this, kind, health.now() - waitingSinceNanos);
    } else if (phase.compareAndSet(Phase.HEADERS, Phase.DONE)) {
      health.onBodyEnd(this, 0, BodyEnd.UPSTREAM_BROKEN, 0);
    } else {
      illegal("failed");
    }
  }

  /**
   * The body ended: counts bytes, feeds throughput when complete, and for
   * {@link BodyEnd#UPSTREAM_BROKEN} counts a failure (not a latency sample).
   */
  public void bodyDone(long bytes, BodyEnd end) {
    if (phase.compareAndSet(Phase.HEADERS, Phase.DONE)) {
      health.onBodyEnd(this, bytes, end, health.now() - headersNanos);
    } else if (phase.compareAndSet(Phase.SENT, Phase.DONE)) {
      illegal("bodyDone before headers");
      health.onAbandoned(this);
    } else {
      illegal("bodyDone");
    }
  }

  /**
   * The attempt was never sent (or the caller gave up before headers without any upstream
   * fault, e.g. the client left): the breaker permission is given back, nothing is counted.
   */
  public void cancelled() {
    if (phase.compareAndSet(Phase.SENT, Phase.DONE)) {
      health.onAbandoned(this);
    } else if (phase.compareAndSet(Phase.HEADERS, Phase.DONE)) {
      health.onBodyEnd(this, 0, BodyEnd.DOWNSTREAM_GONE, 0);
    } else {
      illegal("cancelled");
    }
  }

  /** True once the ticket has ended (or was refused). */
  public boolean done() {
    return phase.get() == Phase.DONE;
  }

  boolean holdsPermit() {
    return holdsPermit;
  }

  private void illegal(String call) {
    if (refusal == null) {
      LOG.warn("attempt ticket for {}: {} in phase {} ignored", health.upstream(), call, phase.get());
    }
  }
}
