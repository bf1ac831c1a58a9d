package io.ossgate.oss;

import java.nio.ByteBuffer;
import org.tukaani.xz.check.CRC64;

/**
 * CRC-64/XZ: the ECMA-182 polynomial, reflected, init and xorout all ones (Go's {@code crc64.ECMA}).
 * OSS sends it as {@code x-oss-hash-crc64ecma}, a decimal unsigned number, on uploads and
 * downloads, and its SDKs check it against the bytes they sent or received. The arithmetic is XZ
 * for Java's; this class adds ByteBuffer input and the header form.
 *
 * <p>Like {@link java.security.MessageDigest}: fed incrementally, read once with {@link #value()},
 * not thread-safe.
 */
public final class Crc64Ecma {

  public static final String HEADER = "x-oss-hash-crc64ecma";

  /** Direct buffers have no array to hand over; their bytes pass through this much at a time. */
  private static final int SCRATCH_BYTES = 8 * 1024;

  private final CRC64 crc = new CRC64();
  private byte[] scratch; // allocated by the first direct (or read-only) buffer, then reused
  private boolean finished;
  private long value;

  /** The CRC of {@code data}. */
  public static long of(byte[] data) {
    return new Crc64Ecma().update(data).value();
  }

  /** The header value: {@code crc} as a decimal unsigned number. */
  public static String toHeader(long crc) {
    return Long.toUnsignedString(crc);
  }

  public Crc64Ecma update(byte[] data) {
    return update(data, 0, data.length);
  }

  public Crc64Ecma update(byte[] data, int offset, int length) {
    checkOpen();
    crc.update(data, offset, length);
    return this;
  }

  /** Adds the buffer's remaining bytes; on return its position is its limit. */
  public Crc64Ecma update(ByteBuffer buffer) {
    checkOpen();
    int length = buffer.remaining();
    if (buffer.hasArray()) {
      crc.update(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
      buffer.position(buffer.limit());
      return this;
    }
    if (scratch == null) {
      scratch = new byte[SCRATCH_BYTES];
    }
    while (buffer.hasRemaining()) {
      int n = Math.min(scratch.length, buffer.remaining());
      buffer.get(scratch, 0, n);
      crc.update(scratch, 0, n);
    }
    return this;
  }

  /** The CRC of everything fed so far. Ends the computation: later updates are refused. */
  public long value() {
    if (!finished) {
      finished = true;
      value = littleEndian(crc.finish());
    }
    return value;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("value() was read; start a new Crc64Ecma");
    }
  }

  /** XZ stores its check little-endian, and {@link CRC64#finish()} returns it that way. */
  private static long littleEndian(byte[] bytes) {
    long v = 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      v = (v << 8) | (bytes[i] & 0xFF);
    }
    return v;
  }
}
