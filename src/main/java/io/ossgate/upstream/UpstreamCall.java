package io.ossgate.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt against one upstream, up to its response headers. The body (if any) is piped from
 * the client with backpressure; a failed pipe resets the upstream request rather than ending it,
 * so a cut upload never looks complete to OSS.
 *
 * <p>Timing: the first-byte timer runs only while the gateway is waiting on the upstream — after
 * the request is fully sent, or after the head of an {@code Expect: 100-continue} request until
 * the 100 arrives — so a long upload is never mistaken for a slow upstream. Stalls while bytes
 * should be moving are caught by the connection idle timeout of the client.
 *
 * <p>A keep-alive connection from the pool may turn out to be one the upstream had already given
 * up on (its idle timeout or a restart racing the reuse): it closes or resets before answering
 * anything. A request that may be sent again ({@code resender} given: its operation is safe to
 * repeat and its body, if any, is held whole) is then sent once more on a new connection, as
 * HTTP clients do (Go's Transport, OkHttp), instead of failing an upstream that did nothing wrong.
 *
 * <p>Thread confinement: created and driven on one event loop (the one of the client's
 * connection); no field needs to be volatile.
 */
public final class UpstreamCall {

  /** What an attempt reports while its request goes out. Called on the attempt's event loop. */
  public interface Listener {
    /** Reports nothing. */
    Listener NONE = new Listener() { };

    /** The upstream answered {@code 100 Continue}. */
    default void continued() {}

    /** The client's streamed body has been handed whole to the upstream: the wait for it starts. */
    default void bodySent() {}
  }

  private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);

  private final UpstreamTarget target;
  private final Deadlines firstByteDeadlines;
  /** Where a new connection comes from when a pooled one was found dropped; null = no second try. */
  private UpstreamCalls resender;
  private final Promise<UpstreamResponse> response = Promise.promise();
  private CountingReadStream body;
  private UpstreamExchange exchange;
  private Deadlines.Deadline firstByte;
  private long bufferedBytes;
  private boolean requestEnded;
  private boolean cancelled;

  private UpstreamCall(UpstreamTarget target, Deadlines firstByteDeadlines, UpstreamCalls resender) {
    this.target = target;
    this.firstByteDeadlines = firstByteDeadlines;
    this.resender = resender;
  }

  /**
   * Starts the attempt; see {@link UpstreamCalls#start}.
   *
   * @param resender opens a new connection if the leased one was dropped before it answered;
   *     null when the request must not be sent twice
   */
  static UpstreamCall start(Future<UpstreamConnection> lease, UpstreamCalls resender, UpstreamTarget target,
      Deadlines firstByteDeadlines, OutboundRequest out, ReadStream<Buffer> bodySource, Buffer bodyBuffer,
      Listener listener) {
    UpstreamCall call = new UpstreamCall(target, firstByteDeadlines, resender);
    call.send(lease, out, bodySource, bodyBuffer, listener);
    return call;
  }

  public UpstreamTarget target() {
    return target;
  }

  /** Completes with the response (headers received, body not yet read) or fails with {@link UpstreamFailure}. */
  public Future<UpstreamResponse> response() {
    return response.future();
  }

  /** Bytes of the request body handed to the upstream so far. */
  public long bodyBytesSent() {
    return body == null ? bufferedBytes : body.bytes();
  }

  /** True once the whole request, body included, was written. */
  public boolean requestEnded() {
    return requestEnded;
  }

  /** Abandons the attempt: resets the upstream stream if there is one. Idempotent. */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    cancelTimer();
    fail(FailureKind.CANCELLED, "abandoned");
    if (exchange != null) {
      // With a response under way this closes the connection at once, so nothing more is downloaded.
      exchange.reset();
    }
  }

  private void send(Future<UpstreamConnection> lease, OutboundRequest out, ReadStream<Buffer> bodySource,
      Buffer bodyBuffer, Listener listener) {
    lease.onComplete(ar -> {
      if (ar.failed()) {
        fail(FailureKind.CONNECT, describe(ar.cause()));
        return;
      }
      UpstreamConnection connection = ar.result();
      if (cancelled) {
        // Nothing was sent on it: it can serve the next request.
        connection.unused();
        return;
      }
      UpstreamExchange exchange = connection.begin(RequestHeads.of(out, target, bodyBuffer));
      this.exchange = exchange;
      exchange.response().onComplete(r -> {
        cancelTimer();
        if (r.succeeded()) {
          if (!response.tryComplete(r.result())) {
            // Lost the race with a timeout or cancel: drop this response's connection.
            exchange.reset();
          }
        } else if (mayResendAfter(exchange)) {
          UpstreamCalls calls = resender;
          resender = null; // once: a second dropped connection is the upstream's failure
          log.debug("{}: pooled connection dropped before it answered ({}); sending again on a new one",
              target.describe(), describe(r.cause()));
          send(calls.resendLease(target), out, bodySource, bodyBuffer, listener);
        } else {
          fail(FailureKind.RESET, describe(r.cause()));
        }
      });
      if (bodyBuffer != null || !out.hasBody() || bodySource == null) {
        bufferedBytes = bodyBuffer == null ? 0 : bodyBuffer.length();
        exchange.send(bodyBuffer);
        // Handed to the connection whole: the wait for the response starts now. (A write that
        // fails closes the connection, which fails the response.)
        onRequestEnded();
        return;
      }
      body = new CountingReadStream(bodySource);
      if (out.expectContinue()) {
        exchange.continueHandler(() -> {
          cancelTimer();
          listener.continued();
        });
        exchange.sendHead().onSuccess(v -> startFirstByteTimer("100 Continue"));
      }
      body.pipe()
          .endOnFailure(false)
          .to(exchange)
          .onComplete(piped -> {
            if (piped.succeeded()) {
              onRequestEnded();
              listener.bodySent();
            } else {
              // Either side broke mid-body: never let the upstream see a short body as complete.
              exchange.reset();
              fail(FailureKind.RESET, "request body: " + describe(piped.cause()));
            }
          });
    });
  }

  /** True when {@code failed}'s request may go out again on a new connection (see the class comment). */
  private boolean mayResendAfter(UpstreamExchange failed) {
    return resender != null && body == null && !cancelled && !response.future().isComplete()
        && failed.droppedOnReusedConnection();
  }

  private void onRequestEnded() {
    requestEnded = true;
    if (!response.future().isComplete()) {
      startFirstByteTimer("response headers");
    }
  }

  private void startFirstByteTimer(String waitingFor) {
    cancelTimer();
    firstByte = firstByteDeadlines.start(() -> {
      firstByte = null;
      if (fail(FailureKind.FIRST_BYTE_TIMEOUT, "no " + waitingFor + " within " + firstByteDeadlines.lengthMillis() + " ms")
          && exchange != null) {
        exchange.reset();
      }
    });
  }

  private void cancelTimer() {
    if (firstByte != null) {
      firstByte.cancel();
      firstByte = null;
    }
  }

  private boolean fail(FailureKind kind, String detail) {
    return response.tryFail(new UpstreamFailure(target, kind, detail));
  }

  private static String describe(Throwable t) {
    String tls = TlsFailures.describe(t);
    if (tls != null) {
      return tls;
    }
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
