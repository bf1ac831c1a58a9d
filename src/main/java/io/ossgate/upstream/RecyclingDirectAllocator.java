package io.ossgate.upstream;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The allocator of upstream connections: direct buffers that the upstream client hands to the
 * relay as they are, which go back to a per-thread free list when released, and which the garbage collector
 * frees when a path drops one without releasing it.
 *
 * <p>Why not Netty's pooled allocator: every chunk read into a buffer of
 * {@code PooledByteBufAllocator} or {@code AdaptiveByteBufAllocator} is copied onto the heap
 * before it is handed on (Vert.x's rule, kept by the upstream client, so that no path can leak
 * pool memory), and Netty copies it back into direct memory to write it. Two
 * copies and a heap allocation per chunk were a fifth of the CPU of a 64 KiB download. A subclass
 * of the pooled allocator escapes the copy, but a chunk dropped on an error path (a reset stream,
 * a discarded error body) would then leak pool memory for good. Here each buffer's memory comes
 * from {@link ByteBuffer#allocateDirect}, whose own cleaner frees it once unreachable, and is
 * reused through a free list once released, so the common path neither allocates nor zeroes.
 *
 * <p>Sizes are powers of two from {@link #MIN_SIZE} to the largest read; other requests (and any
 * once {@code budgetBytes} are out) go to the fallback allocator, whose chunks are copied as
 * usual. Thread-safe: each thread has its own free lists and its own counters (a shared atomic
 * counter, updated twice per read by every event loop, was 1–2% of the CPU of small requests);
 * the totals are their sum.
 */
final class RecyclingDirectAllocator extends AbstractByteBufAllocator {

  static final int MIN_SIZE = 1024;
  /**
   * Per thread, at most this many bytes of released buffers wait for reuse; per size, at most
   * {@link #MAX_CACHED_BYTES_PER_SIZE} and {@link #MAX_CACHED_PER_SIZE} buffers. Sized for the
   * reads in flight on one event loop under load: 64 KiB responses on 32 connections per loop
   * cycle through reads of 1, 64 and 128 KiB, about 8 MiB; a 4 MiB cap for all sizes together
   * made a third of those reads allocate (and zero) a new buffer. The rest is freed, and
   * {@link #trimIdle} frees the sizes nobody asked for lately, so what one workload kept does not
   * stay in memory under the next.
   */
  static final long MAX_CACHED_BYTES_PER_THREAD = 8 * 1024 * 1024;
  static final long MAX_CACHED_BYTES_PER_SIZE = 4 * 1024 * 1024;
  static final int MAX_CACHED_PER_SIZE = 64;

  private final int maxSize;
  private final ByteBufAllocator fallback;
  private final long budgetBytes;
  /** Every thread's free lists and counters, for the totals. */
  private final Set<FreeLists> allLists = ConcurrentHashMap.newKeySet();
  /**
   * Bytes no thread's counters account for any more: buffers dropped without a release and then
   * reclaimed by the GC (negative), and what threads that ended still had handed out.
   */
  private final LongAdder settled = new LongAdder();
  private final Cleaner cleaner = Cleaner.create();
  private final FastThreadLocal<FreeLists> freeLists = new FastThreadLocal<>() {
    @Override
    protected FreeLists initialValue() {
      FreeLists lists = new FreeLists(sizeIndex(maxSize) + 1);
      allLists.add(lists);
      return lists;
    }

    @Override
    protected void onRemoval(FreeLists lists) {
      // The thread ends (an event loop shutting down): free what it kept, keep its count.
      allLists.remove(lists);
      lists.freeAll();
      settled.add(lists.inUse());
    }
  };

  /**
   * @param maxSize the largest buffer served here (a power of two, at least {@link #MIN_SIZE})
   * @param budgetBytes past this many bytes handed out or cached, requests go to {@code fallback}
   * @param fallback serves what this allocator does not
   */
  RecyclingDirectAllocator(int maxSize, long budgetBytes, ByteBufAllocator fallback) {
    super(true);
    if (maxSize < MIN_SIZE || Integer.bitCount(maxSize) != 1) {
      throw new IllegalArgumentException("maxSize must be a power of two >= " + MIN_SIZE + ": " + maxSize);
    }
    this.maxSize = maxSize;
    this.budgetBytes = budgetBytes;
    this.fallback = fallback;
  }

  @Override
  public boolean isDirectBufferPooled() {
    return true;
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return fallback.heapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    int size = sizeFor(initialCapacity);
    if (size > maxSize || maxCapacity < Integer.MAX_VALUE) {
      return fallback.directBuffer(initialCapacity, maxCapacity);
    }
    FreeLists lists = freeLists.get();
    Recycled buffer = lists.take(sizeIndex(size));
    if (buffer != null) {
      buffer.reuse();
    } else if (bytesInUse() + bytesCached() + size > budgetBytes) {
      return fallback.directBuffer(initialCapacity, maxCapacity);
    } else {
      buffer = new Recycled(this, ByteBuffer.allocateDirect(size));
      cleaner.register(buffer, buffer.life::reclaimed);
    }
    buffer.life.handOut();
    lists.addInUse(size);
    return buffer;
  }

  /**
   * Frees the calling thread's kept buffers of every size that no read asked for since the
   * previous call. Call it periodically on each event loop (every second or so).
   */
  void trimIdle() {
    FreeLists lists = freeLists.getIfExists();
    if (lists != null) {
      lists.trimIdle();
    }
  }

  /** Bytes handed out and not yet released (nor reclaimed by the GC after a path dropped them). */
  long bytesInUse() {
    long sum = settled.sum();
    for (FreeLists lists : allLists) {
      sum += lists.inUse();
    }
    return sum;
  }

  /** Bytes of released buffers kept for reuse. */
  long bytesCached() {
    long sum = 0;
    for (FreeLists lists : allLists) {
      sum += lists.cachedBytes();
    }
    return sum;
  }

  /** True when {@code buffer} (or the buffer it is a slice of) came from this allocator. */
  boolean owns(ByteBuf buffer) {
    return buffer.alloc() == this;
  }

  private void released(Recycled buffer) {
    int size = buffer.size;
    buffer.life.giveBack();
    // Counted on the releasing thread, which may not be the one that handed the buffer out: a
    // thread's count can go below zero, the sum over threads cannot.
    FreeLists lists = freeLists.get();
    lists.addInUse(-size);
    // A buffer that grew (Netty replaced its memory) is not its size any more: freed, not kept.
    if (buffer.capacity() != size || !lists.keep(sizeIndex(size), buffer)) {
      buffer.free();
    }
  }

  /**
   * One thread's released buffers, by size, and its counters. Only its thread changes it; other
   * threads read the counters for totals. Opaque accesses (plain moves on x86) make those reads
   * see recent values without a fence on the hot path.
   */
  private static final class FreeLists {
    private static final VarHandle BYTES;
    private static final VarHandle IN_USE;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        BYTES = lookup.findVarHandle(FreeLists.class, "bytes", long.class);
        IN_USE = lookup.findVarHandle(FreeLists.class, "inUse", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final ArrayDeque<Recycled>[] bySize;
    /** When each size was last asked for, on {@link #clock}. */
    private final long[] lastTake;
    /** Counts takes. */
    private long clock;
    /** {@link #clock} at the previous {@link #trimIdle}. */
    private long clockAtTrim;
    /** Bytes of buffers in the lists. */
    private long bytes;
    /** Bytes this thread handed out minus bytes it took back. */
    private long inUse;

    @SuppressWarnings("unchecked")
    FreeLists(int sizes) {
      bySize = new ArrayDeque[sizes];
      lastTake = new long[sizes];
      for (int i = 0; i < sizes; i++) {
        bySize[i] = new ArrayDeque<>();
      }
    }

    long cachedBytes() {
      return (long) BYTES.getOpaque(this);
    }

    long inUse() {
      return (long) IN_USE.getOpaque(this);
    }

    void addInUse(long delta) {
      IN_USE.setOpaque(this, inUse + delta);
    }

    Recycled take(int sizeIndex) {
      lastTake[sizeIndex] = ++clock;
      Recycled buffer = bySize[sizeIndex].pollFirst();
      if (buffer != null) {
        BYTES.setOpaque(this, bytes - buffer.size);
      }
      return buffer;
    }

    /** False when the buffer is not kept (its size or the thread is at its cap): the caller frees it. */
    boolean keep(int sizeIndex, Recycled buffer) {
      ArrayDeque<Recycled> list = bySize[sizeIndex];
      if (list.size() >= MAX_CACHED_PER_SIZE
          || (long) (list.size() + 1) * buffer.size > MAX_CACHED_BYTES_PER_SIZE
          || bytes + buffer.size > MAX_CACHED_BYTES_PER_THREAD) {
        return false;
      }
      list.addFirst(buffer);
      BYTES.setOpaque(this, bytes + buffer.size);
      return true;
    }

    /** Frees the buffers of every size not asked for since the previous trim. */
    void trimIdle() {
      for (int i = 0; i < bySize.length; i++) {
        if (lastTake[i] <= clockAtTrim) {
          free(bySize[i]);
        }
      }
      clockAtTrim = clock;
    }

    /** Frees every kept buffer (the thread ends). */
    void freeAll() {
      for (ArrayDeque<Recycled> list : bySize) {
        free(list);
      }
    }

    private void free(ArrayDeque<Recycled> list) {
      for (Recycled buffer = list.pollFirst(); buffer != null; buffer = list.pollFirst()) {
        BYTES.setOpaque(this, bytes - buffer.size);
        buffer.free();
      }
    }
  }

  private static int sizeFor(int capacity) {
    return capacity <= MIN_SIZE ? MIN_SIZE : Integer.highestOneBit(capacity - 1) << 1;
  }

  private static int sizeIndex(int size) {
    return Integer.numberOfTrailingZeros(size) - Integer.numberOfTrailingZeros(MIN_SIZE);
  }

  /** What the cleaner needs to know about a buffer without keeping it reachable. */
  private static final class Life {
    private static final VarHandle HANDED_OUT;

    static {
      try {
        HANDED_OUT = MethodHandles.lookup().findVarHandle(Life.class, "handedOut", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final LongAdder settled;
    private final int size;
    /**
     * Written by the event loop at every hand-out and release, read once by the cleaner thread.
     * Release/acquire instead of volatile: a volatile store is a full fence, twice per read.
     */
    @SuppressWarnings("unused")
    private boolean handedOut;

    Life(LongAdder settled, int size) {
      this.settled = settled;
      this.size = size;
    }

    void handOut() {
      HANDED_OUT.setRelease(this, true);
    }

    void giveBack() {
      HANDED_OUT.setRelease(this, false);
    }

    /** The buffer became unreachable: if it was dropped while handed out, it is no longer in use. */
    void reclaimed() {
      if ((boolean) HANDED_OUT.getAcquire(this)) {
        settled.add(-size);
      }
    }
  }

  /** A direct buffer that returns to its allocator's free list when its reference count reaches zero. */
  private static final class Recycled extends UnpooledUnsafeDirectByteBuf {
    private final RecyclingDirectAllocator owner;
    private final ByteBuffer memory;
    private final int size;
    private final Life life;

    Recycled(RecyclingDirectAllocator owner, ByteBuffer memory) {
      // slice = false: this very ByteBuffer is the buffer's memory; Netty never frees it (doFree = false).
      super(owner, false, memory, Integer.MAX_VALUE);
      this.owner = owner;
      this.memory = memory;
      this.size = memory.capacity();
      this.life = new Life(owner.settled, size);
      clear();
    }

    void reuse() {
      setRefCnt(1);
      clear();
    }

    @Override
    protected void deallocate() {
      owner.released(this);
    }

    /** Frees the memory now instead of keeping the buffer (a full free list, a buffer that grew). */
    void free() {
      super.deallocate(); // frees memory Netty allocated when the buffer grew, never ours
      PlatformDependent.freeDirectBuffer(memory);
    }
  }
}
