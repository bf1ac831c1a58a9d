package io.ossgate.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import java.util.concurrent.atomic.LongAdder;

/**
 * How upstream bytes are read, so that relaying a body costs little CPU per byte.
 *
 * <p>Two costs dominate a relayed body, and both are paid per chunk or per byte:
 * <ul>
 *   <li><b>Per chunk</b>: every chunk read is an event through the HTTP codec, a handler, a write
 *       and a flush. Netty's default read size stops at 64 KiB; here the read size doubles up to
 *       {@link #MAX_READ_BYTES} while reads come back full, and halves again for small responses
 *       ({@link DoublingReadSizes}).
 *   <li><b>Per byte</b>: a chunk read into Netty's pooled buffers is copied onto the Java heap
 *       before it is handed on (Vert.x's rule, which the upstream client keeps: code that drops a
 *       pooled buffer would leak pool memory for good), and Netty copies it back into direct memory
 *       to write it. Upstream connections read into a {@link RecyclingDirectAllocator} instead,
 *       whose buffers go to the client's connection and are written as they are: no copy at all. The relay releases each chunk once its write completes
 *       ({@link #release}), which puts the buffer back for the next read; a chunk some path drops
 *       (an error body, a cancelled attempt) is freed by the garbage collector.
 * </ul>
 * Measured on 2 cores with io_uring (CPU per request through the gateway): a 64 KiB download took
 * 74–80 µs with copies and 52–57 µs without; 8 parallel 100 MiB downloads went from about 2 CPU-s
 * per GB (64 KiB reads, copies) to 0.7 (1 MiB reads, no copies; nginx: 1.0).
 *
 * <p>The price is memory: an active download may hold up to about 4 MiB of direct memory: up to
 * 2 MiB written to the client but not yet sent (the relay's bound), the read in flight and one
 * read taken before a pause took effect. Released buffers wait for reuse in small per-thread free
 * lists. Past a budget (half the JVM's direct memory limit), reads fall back to the usual pooled
 * buffers, copied, until memory is released.
 *
 * <p>Thread-safe: one instance per gateway, shared by its event loops.
 */
public final class RelayMemory {

  /** Largest single read from an upstream connection; also the upstream client's max chunk size. */
  public static final int MAX_READ_BYTES = 1024 * 1024;
  /** How often each event loop frees the read buffers it kept for sizes nobody asks for. */
  public static final long TRIM_INTERVAL_MILLIS = 1000;

  private final RecyclingDirectAllocator allocator;
  private final LongAdder relayedWithoutCopy = new LongAdder();

  /** With half of the JVM's direct memory limit as the budget for reads without copies. */
  public RelayMemory() {
    this(PlatformDependent.maxDirectMemory() / 2);
  }

  /**
   * @param budgetBytes while this much direct memory is held by reads without copies (in use or
   *     kept for reuse), further reads are copied the usual way, so many slow downloads at once
   *     cannot exhaust the JVM's direct memory limit
   */
  RelayMemory(long budgetBytes) {
    this.allocator = new RecyclingDirectAllocator(MAX_READ_BYTES, budgetBytes, ByteBufAllocator.DEFAULT);
  }

  /**
   * Makes {@code channel} (an upstream connection, not yet reading) read without copies, in reads
   * that may grow up to 1 MiB.
   */
  public void adopt(Channel channel) {
    // 2 KiB first guess, as Netty's; each buffer is a power of two of at least 1 KiB anyway.
    channel.config().setRecvByteBufAllocator(
        new DoublingReadSizes(RecyclingDirectAllocator.MIN_SIZE, 2048, MAX_READ_BYTES));
    channel.config().setAllocator(allocator);
  }

  /**
   * Gives {@code chunk}'s memory back for reuse if it was read without copies; does nothing for
   * any other buffer (those are heap copies the GC reclaims). Call once per chunk, after its last use.
   */
  public void release(Buffer chunk) {
    ByteBuf raw = readWithoutCopy(chunk);
    if (raw != null && raw.refCnt() > 0) {
      relayedWithoutCopy.add(chunk.length());
      raw.release();
    }
  }

  /**
   * The memory {@code chunk} keeps from being reused until it is released: the whole read buffer
   * it is a slice of when it was read without copies, else its length. A chunk can be much smaller
   * than its read buffer (a slow upstream fills a large guess only partly), so bounding chunks
   * by their length would not bound memory.
   */
  public int footprint(Buffer chunk) {
    ByteBuf raw = readWithoutCopy(chunk);
    if (raw == null) {
      return chunk.length();
    }
    ByteBuf read = raw.unwrap() != null ? raw.unwrap() : raw;
    return Math.max(read.capacity(), chunk.length());
  }

  /** {@code chunk}'s Netty buffer when it was read into this gateway's allocator, else null. */
  private ByteBuf readWithoutCopy(Buffer chunk) {
    if (chunk instanceof BufferImpl impl && allocator.owns(impl.byteBuf())) {
      return impl.byteBuf();
    }
    return null;
  }

  /** Body bytes relayed without copies so far (tests, diagnostics). */
  public long bytesRelayedWithoutCopy() {
    return relayedWithoutCopy.sum();
  }

  /**
   * Frees the read buffers this thread keeps for sizes no read asked for since the previous call,
   * so that memory kept for one workload (64 KiB responses) does not stay under the next (a
   * download). Each event loop calls it every {@link #TRIM_INTERVAL_MILLIS}.
   */
  public void trimIdle() {
    allocator.trimIdle();
  }

  /** Direct memory read without copies and not yet released, in bytes. */
  public long directBytesInUse() {
    return allocator.bytesInUse();
  }

  /** Direct memory released and kept for the next reads, in bytes. */
  public long directBytesCached() {
    return allocator.bytesCached();
  }
}
