package io.ossgate.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes {@code [start, start + length)} of an object body to a response whose status and headers
 * are set, honouring backpressure (writes only while the queue is not full, resumes on drain) and
 * the body faults: bandwidth pacing, reset after N bytes, stall after N bytes. Without body faults a
 * single-file body goes out with sendfile (zero copy).
 */
final class BodyWriter {

  private static final int CHUNK = 64 * 1024;

  private final Vertx vertx;
  private final Exchange exchange;
  private final HttpServerResponse response;
  private final Faults faults;
  private final ChunkSource source;
  private final long end;
  private final int chunk;
  private long position;
  private long sent;
  private long startNanos = -1;
  private boolean stopped;
  private Future<Void> lastWrite = Future.succeededFuture();

  private BodyWriter(Vertx vertx, Exchange exchange, ObjectBody body, long start, long length) {
    this.vertx = vertx;
    this.exchange = exchange;
    this.response = exchange.response();
    this.faults = exchange.faults();
    this.source = ChunkSource.of(vertx, body);
    this.position = start;
    this.end = start + length;
    long bw = faults.bandwidthBytesPerSecond();
    // Under a bandwidth cap, write ~20 ms worth at a time so pacing stays smooth.
    this.chunk = bw > 0 ? (int) Math.max(1, Math.min(CHUNK, bw / 50)) : CHUNK;
  }

  static void send(Vertx vertx, Exchange exchange, ObjectBody body, long start, long length) {
    HttpServerResponse response = exchange.response();
    if (!exchange.faults().shapesBody()) {
      if (length == 0) {
        response.end();
        return;
      }
      if (body instanceof ObjectBody.Files files && files.segments().size() == 1) {
        response.sendFile(files.segments().get(0).file().toString(), start, length);
        return;
      }
      if (body instanceof ObjectBody.Memory memory) {
        response.end(memory.data().slice((int) start, (int) (start + length)));
        return;
      }
    }
    BodyWriter writer = new BodyWriter(vertx, exchange, body, start, length);
    exchange.onClose(writer::stop);
    writer.run();
  }

  private void stop() {
    stopped = true;
    source.close();
  }

  private void run() {
    while (!stopped) {
      if (response.closed() || lastWrite.failed()) {
        // The client left. Its close handler stops this writer too, but only once this loop yields
        // (Netty reports a failed flush's close later), and writes to a dead connection fail at once
        // without ever filling the queue: without this check the loop would "send" the rest of the
        // body and the exchange would be recorded as completed.
        stop();
        return;
      }
      if (faults.resetAfterBytes() >= 0 && sent >= faults.resetAfterBytes()) {
        stop();
        // Headers must be out even when N is 0, so the client sees a cut body rather than no reply.
        if (!response.headWritten()) {
          lastWrite = response.write(Buffer.buffer());
        }
        lastWrite.onComplete(ar -> exchange.resetByFault());
        return;
      }
      if (faults.stallAfterBytes() >= 0 && sent >= faults.stallAfterBytes()) {
        stop();
        if (!response.headWritten()) {
          response.write(Buffer.buffer());
        }
        return; // nothing more is sent; the exchange is recorded when the client gives up
      }
      if (position >= end) {
        stop();
        response.end();
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> run());
        return;
      }
      long n = Math.min(chunk, end - position);
      n = Math.min(n, untilLimit(faults.resetAfterBytes()));
      n = Math.min(n, untilLimit(faults.stallAfterBytes()));
      long bw = faults.bandwidthBytesPerSecond();
      if (bw > 0) {
        long now = System.nanoTime();
        if (startNanos < 0) {
          startNanos = now;
        }
        long allowed = (long) ((now - startNanos) / 1e9 * bw) + chunk;
        if (sent >= allowed) {
          long waitMs = (long) Math.ceil((sent - allowed + 1) * 1000.0 / bw);
          vertx.setTimer(Math.max(1, waitMs), id -> run());
          return;
        }
        n = Math.min(n, allowed - sent);
      }
      Future<Buffer> read = source.read(position, (int) n);
      if (!read.isComplete()) {
        read.onComplete(ar -> {
          if (write(read)) {
            run();
          }
        });
        return;
      }
      if (!write(read)) {
        return;
      }
    }
  }

  private long untilLimit(long limit) {
    return limit < 0 ? Long.MAX_VALUE : Math.max(0, limit - sent);
  }

  private boolean write(Future<Buffer> read) {
    if (stopped) {
      return false;
    }
    if (read.failed()) {
      // The body can no longer be produced (file gone): a cut body must look cut.
      stop();
      exchange.request().connection().close();
      return false;
    }
    Buffer buf = read.result();
    position += buf.length();
    sent += buf.length();
    lastWrite = response.write(buf);
    return true;
  }
}
