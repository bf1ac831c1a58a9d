package io.ossgate.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.ossgate.oss.Crc64Ecma;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Deterministic pseudo-random object content, a pure function of (seed, offset), that is served
 * without ever being materialised.
 *
 * <p>One 64 KiB block of random bytes is drawn from the seed; block {@code b} of the object is that
 * block rotated by an amount derived from (seed, b). Keeping the block twice in a row makes every
 * rotated block a plain slice, so serving is slicing one shared direct buffer: no per-byte work and
 * no copies. Blocks of one object differ, so a misplaced range shows up in a digest.
 */
public final class GeneratedContent {

  /** Size of the repeating block; a served slice never crosses a block boundary. */
  public static final int BLOCK = 64 * 1024;

  private final long seed;
  private final byte[] doubled;
  // Direct and shared by every response; slices carry their own indexes, the memory is read-only.
  private final ByteBuf direct;

  private GeneratedContent(long seed) {
    this.seed = seed;
    byte[] block = new byte[BLOCK];
    new SplittableRandom(seed).nextBytes(block);
    this.doubled = new byte[2 * BLOCK];
    System.arraycopy(block, 0, doubled, 0, BLOCK);
    System.arraycopy(block, 0, doubled, BLOCK, BLOCK);
    ByteBuf buf = Unpooled.directBuffer(2 * BLOCK);
    buf.writeBytes(doubled);
    this.direct = Unpooled.unreleasableBuffer(buf.asReadOnly());
  }

  /** The generator for a seed (draws its 64 KiB block). */
  public static GeneratedContent of(long seed) {
    return new GeneratedContent(seed);
  }

  public long seed() {
    return seed;
  }

  /** The bytes at {@code [offset, offset + length)} of any generated object with this seed. */
  public static byte[] bytes(long seed, long offset, int length) {
    return of(seed).copy(offset, length);
  }

  /** SHA-256 of the first {@code size} bytes of the content for {@code seed}. */
  public static byte[] sha256(long seed, long size) {
    return of(seed).digest("SHA-256", size);
  }

  /** A digest ({@code SHA-256}, {@code MD5}, ...) over the first {@code size} bytes. */
  public byte[] digest(String algorithm, long size) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException(algorithm, e);
    }
    feed(size, md::update);
    return md.digest();
  }

  /** CRC-64 ({@code x-oss-hash-crc64ecma}) of the first {@code size} bytes; about a second per GiB. */
  public long crc64(long size) {
    Crc64Ecma crc = new Crc64Ecma();
    feed(size, crc::update);
    return crc.value();
  }

  /** Copies {@code length} bytes from {@code offset}. */
  public byte[] copy(long offset, int length) {
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      long pos = offset + done;
      int n = Math.min(maxChunk(pos), length - done);
      System.arraycopy(doubled, start(pos), out, done, n);
      done += n;
    }
    return out;
  }

  /** Bytes available from {@code offset} to the end of its block: the longest possible slice. */
  public int maxChunk(long offset) {
    return BLOCK - (int) (offset & (BLOCK - 1));
  }

  /**
   * A zero-copy buffer over {@code [offset, offset + length)}; {@code length} must not exceed
   * {@link #maxChunk(long)}.
   */
  public Buffer slice(long offset, int length) {
    if (length > maxChunk(offset)) {
      throw new IllegalArgumentException("slice crosses a block boundary: " + offset + "+" + length);
    }
    return BufferInternal.buffer(direct.slice(start(offset), length));
  }

  /** Hands the first {@code size} bytes to {@code sink} slice by slice, straight from the block. */
  private void feed(long size, Sink sink) {
    long pos = 0;
    while (pos < size) {
      int n = (int) Math.min(maxChunk(pos), size - pos);
      sink.update(doubled, start(pos), n);
      pos += n;
    }
  }

  private interface Sink {
    void update(byte[] bytes, int offset, int length);
  }

  private int start(long offset) {
    return rotation(offset >>> 16) + (int) (offset & (BLOCK - 1));
  }

  private int rotation(long block) {
    // SplitMix64 finaliser: cheap, and neighbouring blocks get unrelated rotations.
    long z = seed + (block + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (int) (z & (BLOCK - 1));
  }
}
