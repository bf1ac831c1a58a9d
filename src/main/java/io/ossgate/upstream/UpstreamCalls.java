package io.ossgate.upstream;

import io.ossgate.common.Ticker;
import io.ossgate.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Starts upstream attempts for one event loop: its upstream client and the
 * first-byte deadlines all of that loop's attempts share. Confined to that event loop.
 */
public final class UpstreamCalls {

  /**
   * A streamed body cannot be sent twice, so it must not meet a pooled connection the upstream
   * has just dropped (see {@link UpstreamCall}): it takes one only if the connection carried a
   * response less than this long ago, which no upstream's idle timeout undercuts; otherwise it
   * opens a new one. Apache HttpClient re-checks a connection idle for longer than the same 2 s
   * (validateAfterInactivity) before reusing it.
   */
  static final long STREAMED_BODY_MAX_IDLE_NANOS = 2_000_000_000L;

  private final UpstreamClient client;
  private final Deadlines firstByteDeadlines;
  private final GatewayMetrics metrics;

  public UpstreamCalls(Vertx vertx, UpstreamClient client, UpstreamTimeouts timeouts, GatewayMetrics metrics) {
    this.client = client;
    this.firstByteDeadlines = new Deadlines(vertx, Ticker.system(), timeouts.firstByteMillis());
    this.metrics = metrics;
  }

  /**
   * Starts one attempt.
   *
   * @param bodySource the client's body, paused, to pipe; null when there is none or it is buffered
   * @param bodyBuffer a body read up front (small, replayable); null otherwise
   * @param listener told when the upstream answers {@code 100 Continue} and when a streamed body was sent
   * @param repeatable the request may be sent twice (its operation is safe to repeat, its body is
   *     absent or buffered): then a pooled connection found dropped is replaced by a new one
   */
  public UpstreamCall start(UpstreamTarget target, OutboundRequest out, ReadStream<Buffer> bodySource,
      Buffer bodyBuffer, UpstreamCall.Listener listener, boolean repeatable) {
    Future<UpstreamConnection> lease = bodySource != null
        ? client.leaseRecent(target, STREAMED_BODY_MAX_IDLE_NANOS) : client.lease(target);
    return UpstreamCall.start(lease, repeatable ? this : null, target, firstByteDeadlines, out,
        bodySource, bodyBuffer, listener);
  }

  /** A new connection for a request whose pooled connection to {@code target} was dropped; counted. */
  Future<UpstreamConnection> resendLease(UpstreamTarget target) {
    metrics.resend(target.upstream().siteName(), target.upstream().type().configName(), "dropped-connection");
    return client.leaseNew(target);
  }

  /**
   * Starts a probe: {@code out} has no body, and its connection never waits for the pool (see
   * {@link UpstreamClient#leaseForProbe}).
   */
  public UpstreamCall probe(UpstreamTarget target, OutboundRequest out) {
    // A probe measures the upstream, not the pool: a dropped idle connection is no verdict on it.
    return UpstreamCall.start(client.leaseForProbe(target), this, target, firstByteDeadlines, out, null, null,
        UpstreamCall.Listener.NONE);
  }
}
