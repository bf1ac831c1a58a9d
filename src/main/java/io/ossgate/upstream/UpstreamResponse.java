package io.ossgate.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * An upstream response: its head, and its body as a {@link ReadStream} of chunks with
 * backpressure. Chunks that arrive while the stream is paused, or before it has a handler, wait
 * here, and the connection stops reading until they are taken, so a slow consumer holds at most
 * the read in flight.
 *
 * <p>Chunks may be read without copies (see {@link RelayMemory}): whoever takes a chunk from the
 * handler owns it and releases it after its last use ({@link RelayMemory#release}); chunks this
 * stream drops ({@link #body()}, {@link #end()}) it releases itself.
 *
 * <p>Confined to the connection's event loop.
 */
public final class UpstreamResponse implements ReadStream<Buffer> {

  private final UpstreamExchange exchange;
  private final int status;
  private final String statusMessage;
  private final MultiMap headers;
  /** Chunks received while paused; made on first need (most responses never pause). */
  private ArrayDeque<Buffer> pending;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean paused;
  private boolean ended;
  private Throwable failure;
  /** The end or the failure was reported: nothing more will be. */
  private boolean finished;
  private boolean delivering;

  UpstreamResponse(UpstreamExchange exchange, HttpResponse head) {
    this.exchange = exchange;
    this.status = head.status().code();
    this.statusMessage = head.status().reasonPhrase();
    // The codec decodes every head into Vert.x's own map (UpstreamClient's headers factory).
    this.headers = (MultiMap) head.headers();
  }

  public int statusCode() {
    return status;
  }

  public String statusMessage() {
    return statusMessage;
  }

  public MultiMap headers() {
    return headers;
  }

  public String getHeader(CharSequence name) {
    return headers.get(name);
  }

  /** The whole body (an error document: small), its chunks released as they are copied in. */
  public Future<Buffer> body() {
    Promise<Buffer> promise = Promise.promise();
    Buffer whole = Buffer.buffer();
    exceptionHandler(promise::tryFail);
    endHandler(v -> promise.tryComplete(whole));
    handler(chunk -> {
      whole.appendBuffer(chunk);
      release(chunk);
    });
    resume();
    return promise.future();
  }

  /** Reads the rest of the body and drops it; completes when it ended, fails when it broke. */
  public Future<Void> end() {
    Promise<Void> promise = Promise.promise();
    exceptionHandler(promise::tryFail);
    endHandler(v -> promise.tryComplete());
    handler(UpstreamResponse::release);
    resume();
    return promise.future();
  }

  @Override
  public UpstreamResponse handler(Handler<Buffer> handler) {
    this.handler = handler;
    deliver();
    return this;
  }

  @Override
  public UpstreamResponse endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    deliver();
    return this;
  }

  @Override
  public UpstreamResponse exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    deliver();
    return this;
  }

  @Override
  public UpstreamResponse pause() {
    if (!paused) {
      paused = true;
      exchange.stopReading();
    }
    return this;
  }

  @Override
  public UpstreamResponse resume() {
    if (paused) {
      paused = false;
      deliver();
    }
    return this;
  }

  @Override
  public UpstreamResponse fetch(long amount) {
    return resume();
  }

  // ---- from the exchange ---------------------------------------------------------------------

  void received(Buffer chunk) {
    if (finished) {
      release(chunk);
      return;
    }
    if (!paused && handler != null && noneWaiting() && !delivering) {
      handler.handle(chunk);
      return;
    }
    if (pending == null) {
      pending = new ArrayDeque<>(4);
    }
    pending.add(chunk);
    exchange.stopReading();
  }

  void receivedEnd() {
    ended = true;
    deliver();
  }

  /**
   * The body broke (or the exchange was reset) before it was all taken. Chunks still waiting are
   * dropped: the body is incomplete either way, and whoever resumes it counts only what it took.
   */
  void failed(Throwable cause) {
    if (finished || ended && noneWaiting()) {
      return;
    }
    if (failure == null) {
      failure = cause;
    }
    Buffer dropped;
    while ((dropped = nextWaiting()) != null) {
      release(dropped);
    }
    deliver();
  }

  /** Hands on what waits, in order, while not paused; then the end or the failure. */
  private void deliver() {
    if (delivering || finished) {
      return;
    }
    delivering = true;
    try {
      while (!paused && handler != null && !noneWaiting()) {
        handler.handle(nextWaiting());
      }
      if (!paused && noneWaiting()) {
        if (failure != null && exceptionHandler != null) {
          finished = true;
          exceptionHandler.handle(failure);
        } else if (ended && failure == null && endHandler != null) {
          finished = true;
          endHandler.handle(null);
        } else if (!ended && failure == null) {
          exchange.resumeReading();
        }
      }
    } finally {
      delivering = false;
    }
    if (finished) {
      Buffer left;
      while ((left = nextWaiting()) != null) {
        release(left);
      }
    }
  }

  private boolean noneWaiting() {
    return pending == null || pending.isEmpty();
  }

  private Buffer nextWaiting() {
    return pending == null ? null : pending.poll();
  }

  /** Gives a chunk's memory back (a no-op for heap copies, which the GC reclaims). */
  static void release(Buffer chunk) {
    if (chunk instanceof BufferImpl impl) {
      ByteBuf raw = impl.byteBuf();
      if (raw.refCnt() > 0) {
        raw.release();
      }
    }
  }
}
