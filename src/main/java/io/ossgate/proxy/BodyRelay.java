package io.ossgate.proxy;

import io.ossgate.upstream.RelayMemory;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.ossgate.upstream.UpstreamResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams one upstream response body to the client with backpressure (the upstream response, and
 * with it its connection's reads, is paused while the client is behind: its write queue is full, or
 * {@link #MAX_UNSENT_BYTES} wait to be sent), ends the client's response when the body is
 * complete, and reports how it ended.
 *
 * <p>Each side's own events decide the outcome, so a failure is never blamed on the wrong side:
 * the upstream's end is {@link End#COMPLETE}, its exception {@link End#UPSTREAM_BROKEN}; a failed
 * write to the client is {@link End#CLIENT_GONE}, even when Vert.x has not yet processed the
 * client's close. (A {@code Pipe} reports both sides' failures alike, and taking a client's write
 * failure for a broken body made the gateway try to resume bodies that had arrived whole.)
 *
 * <p>Confined to the exchange's event loop.
 */
final class BodyRelay {

  /** How a relayed body ended. */
  enum End { COMPLETE, UPSTREAM_BROKEN, CLIENT_GONE }

  /** Receives the outcome once, with the body bytes relayed and the upstream's error, if any. */
  @FunctionalInterface
  interface Done {
    void ended(End end, long bytes, Throwable cause);
  }

  /**
   * The most memory (read buffers the chunks pin) the relay lets wait for the client's
   * connection before it pauses the upstream. The client's write queue alone does not bound this: on io_uring, 15 chunks of
   * 1 MiB were seen waiting while Vert.x still reported the queue as not full (writes complete
   * asynchronously there). The relay resumes once half of it has been sent.
   */
  static final long MAX_UNSENT_BYTES = 2 * 1024 * 1024;

  private final UpstreamResponse from;
  private final HttpServerResponse to;
  private final RelayMemory memory;
  private final Done done;
  private final long declaredLength;
  private long bytes;
  private boolean ended;
  private boolean clientEnded;
  private boolean paused;
  /**
   * Memory handed to the client's connection whose write has not completed yet: the read buffers
   * the chunks pin ({@link RelayMemory#footprint}), at least their bytes.
   */
  private long unsentBytes;

  private BodyRelay(UpstreamResponse from, HttpServerResponse to, RelayMemory memory, long declaredLength,
      Done done) {
    this.from = from;
    this.to = to;
    this.memory = memory;
    this.declaredLength = declaredLength;
    this.done = done;
  }

  /** Starts relaying {@code from} (whose head was already handled) into {@code to}. */
  static void start(UpstreamResponse from, HttpServerResponse to, RelayMemory memory, Done done) {
    long declaredLength = ResponseRelay.declaredLength(from);
    BodyRelay relay = new BodyRelay(from, to, memory, declaredLength, done);
    from.exceptionHandler(relay::broken);
    from.endHandler(v -> relay.finish(End.COMPLETE, null));
    from.handler(relay::chunk);
    from.resume();
  }

  private void chunk(Buffer buffer) {
    if (ended || clientEnded) {
      // Nothing more goes to the client: it left (and the upstream is being cancelled).
      memory.release(buffer);
      return;
    }
    int length = buffer.length();
    int footprint = memory.footprint(buffer);
    bytes += length;
    // The chunk that completes a sized body ends the client's response in the same write: one
    // write and flush fewer per response, which small responses notice.
    boolean last = bytes == declaredLength;
    Future<Void> written = last ? to.end(buffer) : to.write(buffer);
    clientEnded = last;
    unsentBytes += footprint;
    // Written (or failed) means Netty is done with the chunk: its memory can go back at once.
    written.onComplete(ar -> {
      unsentBytes -= footprint;
      memory.release(buffer);
      if (ar.failed()) {
        finish(End.CLIENT_GONE, ar.cause());
      } else {
        resumeIfCaughtUp();
      }
    });
    if (!last && (to.writeQueueFull() || unsentBytes >= MAX_UNSENT_BYTES)) {
      pauseUpstream();
    }
  }

  private void pauseUpstream() {
    if (paused) {
      return;
    }
    paused = true;
    from.pause();
    to.drainHandler(v -> resumeIfCaughtUp());
  }

  /** Resumes a paused upstream once the client's queue has room and half the unsent bytes went. */
  private void resumeIfCaughtUp() {
    if (!paused || ended || unsentBytes > MAX_UNSENT_BYTES / 2 || to.writeQueueFull()) {
      return;
    }
    paused = false;
    to.drainHandler(null);
    from.resume();
  }

  private void broken(Throwable cause) {
    finish(End.UPSTREAM_BROKEN, cause);
  }

  private void finish(End end, Throwable cause) {
    if (ended) {
      return;
    }
    ended = true;
    to.drainHandler(null);
    if (end == End.COMPLETE && !clientEnded) {
      to.end();
    }
    done.ended(end, bytes, cause);
  }
}
