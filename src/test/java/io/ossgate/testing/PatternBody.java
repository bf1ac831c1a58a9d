package io.ossgate.testing;

import io.ossgate.oss.Crc64Ecma;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic body of any size made of one seeded 64 KiB block, written with backpressure.
 * Tests compare SHA-256 digests instead of keeping large arrays.
 */
public final class PatternBody {
  public static final int BLOCK = 64 * 1024;
  private final long size;
  private final Buffer block;
  private final byte[] raw;

  public PatternBody(long size, long seed) {
    this.size = size;
    this.raw = new byte[BLOCK];
    new Random(seed).nextBytes(raw);
    this.block = Buffer.buffer(raw);
  }

  public long size() {
    return size;
  }

  /** Writes the body, honouring writeQueueFull; counts bytes handed to the stream. */
  public Future<Void> writeTo(WriteStream<Buffer> out, AtomicLong written) {
    Promise<Void> done = Promise.promise();
    pump(out, written, done);
    return done.future();
  }

  private void pump(WriteStream<Buffer> out, AtomicLong written, Promise<Void> done) {
    while (written.get() < size) {
      if (out.writeQueueFull()) {
        out.drainHandler(v -> pump(out, written, done));
        return;
      }
      int n = (int) Math.min(BLOCK, size - written.get());
      written.addAndGet(n);
      out.write(n == BLOCK ? block : block.slice(0, n)).onFailure(done::tryFail);
    }
    out.end().onComplete(done);
  }

  /** Writes the body to a blocking stream; counts the bytes the stream has taken. */
  public void writeTo(OutputStream out, AtomicLong written) throws IOException {
    while (written.get() < size) {
      int n = (int) Math.min(BLOCK, size - written.get());
      out.write(raw, 0, n);
      written.addAndGet(n);
    }
    out.flush();
  }

  public String sha256() {
    MessageDigest md = Digests.sha256();
    feed(md::update);
    return Digests.hex(md.digest());
  }

  /** The CRC-64 OSS reports for this body ({@code x-oss-hash-crc64ecma}). */
  public long crc64() {
    Crc64Ecma crc = new Crc64Ecma();
    feed(crc::update);
    return crc.value();
  }

  /** Hands the whole body to {@code sink}, block by block. */
  private void feed(Sink sink) {
    long left = size;
    while (left > 0) {
      int n = (int) Math.min(BLOCK, left);
      sink.update(raw, 0, n);
      left -= n;
    }
  }

  private interface Sink {
    void update(byte[] bytes, int offset, int length);
  }
}
