package io.ossgate.upstream;

import io.ossgate.common.Ticker;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Starts upstream attempts for one event loop: its upstream client and the
 * first-byte deadlines all of that loop's attempts share. Confined to that event loop.
 */
public final class UpstreamCalls {

  private final UpstreamClient client;
  private final Deadlines firstByteDeadlines;

  public UpstreamCalls(Vertx vertx, UpstreamClient client, UpstreamTimeouts timeouts) {
    this.client = client;
    this.firstByteDeadlines = new Deadlines(vertx, Ticker.system(), timeouts.firstByteMillis());
  }

  /**
   * Starts one attempt.
   *
   * @param bodySource the client's body, paused, to pipe; null when there is none or it is buffered
   * @param bodyBuffer a body read up front (small, replayable); null otherwise
   * @param onContinue called when the upstream answers {@code 100 Continue}
   * @param repeatable the request may be sent twice (its operation is safe to repeat, its body is
   *     absent or buffered): then a pooled connection found dropped is replaced by a new one
   */
  public UpstreamCall start(UpstreamTarget target, OutboundRequest out, ReadStream<Buffer> bodySource,
      Buffer bodyBuffer, Runnable onContinue, boolean repeatable) {
    return UpstreamCall.start(client.lease(target), repeatable ? client : null, target, firstByteDeadlines, out,
        bodySource, bodyBuffer, onContinue);
  }

  /**
   * Starts a probe: {@code out} has no body, and its connection never waits for the pool (see
   * {@link UpstreamClient#leaseForProbe}).
   */
  public UpstreamCall probe(UpstreamTarget target, OutboundRequest out) {
    // A probe measures the upstream, not the pool: a dropped idle connection is no verdict on it.
    return UpstreamCall.start(client.leaseForProbe(target), client, target, firstByteDeadlines, out, null, null,
        null);
  }
}
