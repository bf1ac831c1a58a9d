package io.ossgate.upstream;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Wraps a body stream and counts the bytes that pass, so an attempt knows whether any of the
 * request body has left for the upstream (after that, a failed attempt may only be repeated when
 * the request is safe to repeat and its body can be replayed). Confined to one event loop.
 */
public final class CountingReadStream implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private long bytes;

  public CountingReadStream(ReadStream<Buffer> source) {
    this.source = source;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      source.handler(null);
    } else {
      source.handler(chunk -> {
        bytes += chunk.length();
        handler.handle(chunk);
      });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler);
    return this;
  }
}
