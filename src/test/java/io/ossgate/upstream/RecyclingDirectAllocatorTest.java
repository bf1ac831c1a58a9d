package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RecyclingDirectAllocatorTest {

  private static final int MAX = 1024 * 1024;
  private final PooledByteBufAllocator fallback = new PooledByteBufAllocator(true);
  private final RecyclingDirectAllocator allocator = new RecyclingDirectAllocator(MAX, Long.MAX_VALUE, fallback);

  @Test
  void servesDirectBuffersInPowerOfTwoSizes() {
    ByteBuf small = allocator.ioBuffer(100);
    ByteBuf odd = allocator.ioBuffer(5000);
    ByteBuf largest = allocator.ioBuffer(MAX);

    assertThat(small.isDirect()).isTrue();
    assertThat(small.hasMemoryAddress()).isTrue();
    assertThat(small.capacity()).isEqualTo(RecyclingDirectAllocator.MIN_SIZE);
    assertThat(odd.capacity()).isEqualTo(8192);
    assertThat(largest.capacity()).isEqualTo(MAX);
    assertThat(small.writerIndex()).isZero();
    assertThat(allocator.owns(small.retainedSlice(0, 1))).isTrue();
    assertThat(allocator.bytesInUse()).isEqualTo(1024 + 8192 + MAX);
  }

  @Test
  void aReleasedBufferIsReusedEmptyAndItsOldReferenceIsDead() {
    ByteBuf first = allocator.ioBuffer(64 * 1024);
    first.writeLong(42);
    first.release();
    assertThat(allocator.bytesInUse()).isZero();
    assertThat(allocator.bytesCached()).isEqualTo(64 * 1024);

    ByteBuf second = allocator.ioBuffer(64 * 1024);

    assertThat(second).isSameAs(first);
    assertThat(second.refCnt()).isEqualTo(1);
    assertThat(second.readableBytes()).isZero();
    assertThat(allocator.bytesCached()).isZero();
    second.release();
    assertThatThrownBy(() -> first.getLong(0)).isInstanceOf(IllegalReferenceCountException.class);
  }

  @Test
  void aSliceHoldsItsBufferUntilReleased() {
    ByteBuf read = allocator.ioBuffer(4096);
    read.writeZero(4096);
    ByteBuf chunk = read.readRetainedSlice(4096);
    read.release();
    assertThat(allocator.bytesInUse()).isEqualTo(4096);

    chunk.release();

    assertThat(allocator.bytesInUse()).isZero();
  }

  @Test
  void eachSizeAndEachThreadKeepABoundedAmountForReuseAndFreeTheRest() {
    releaseAll(allocate(8, MAX));
    assertThat(allocator.bytesInUse()).isZero();
    assertThat(allocator.bytesCached()).isEqualTo(RecyclingDirectAllocator.MAX_CACHED_BYTES_PER_SIZE);

    releaseAll(allocate(64, 64 * 1024));
    releaseAll(allocate(8, 512 * 1024));

    assertThat(allocator.bytesCached()).isEqualTo(RecyclingDirectAllocator.MAX_CACHED_BYTES_PER_THREAD);
    assertThat(allocator.bytesInUse()).isZero();
  }

  @Test
  void aTrimFreesTheSizesNoReadAskedForSinceThePreviousTrim() {
    // A phase of 64 KiB responses leaves 64 KiB buffers behind...
    releaseAll(allocate(16, 64 * 1024));
    allocator.trimIdle();
    assertThat(allocator.bytesCached()).isEqualTo(16 * 64 * 1024);

    // ...then a download reads 1 MiB at a time: the next trim frees the 64 KiB ones only.
    ByteBuf read = allocator.ioBuffer(MAX);
    read.release();
    allocator.trimIdle();

    assertThat(allocator.bytesCached()).isEqualTo(MAX);
    assertThat(allocator.ioBuffer(MAX)).isSameAs(read);
    read.release();
    allocator.trimIdle();
    allocator.trimIdle();
    assertThat(allocator.bytesCached()).isZero();
    assertThat(allocator.bytesInUse()).isZero();
  }

  private List<ByteBuf> allocate(int count, int size) {
    List<ByteBuf> buffers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      buffers.add(allocator.ioBuffer(size));
    }
    return buffers;
  }

  private static void releaseAll(List<ByteBuf> buffers) {
    buffers.forEach(ByteBuf::release);
  }

  @Test
  void aBufferThatGrewIsFreedNotKept() {
    ByteBuf buffer = allocator.ioBuffer(1024);
    buffer.writeZero(2048); // past its size: Netty moves it to new memory

    buffer.release();

    assertThat(allocator.bytesInUse()).isZero();
    assertThat(allocator.bytesCached()).isZero();
  }

  @Test
  void requestsItDoesNotServeGoToTheFallback() {
    ByteBuf tooLarge = allocator.ioBuffer(MAX + 1);
    ByteBuf bounded = allocator.directBuffer(100, 200);
    ByteBuf heap = allocator.heapBuffer(100);
    ByteBuf pastBudget = new RecyclingDirectAllocator(MAX, 0, fallback).ioBuffer(100);

    for (ByteBuf b : List.of(tooLarge, bounded, heap, pastBudget)) {
      assertThat(b.alloc()).isSameAs(fallback);
      b.release();
    }
    assertThat(allocator.bytesInUse()).isZero();
  }

  /** A buffer some path drops without releasing is not leaked: the GC frees it and it stops counting. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aDroppedBufferIsReclaimedByTheGarbageCollector() {
    allocator.ioBuffer(256 * 1024).writeLong(1); // dropped at once
    assertThat(allocator.bytesInUse()).isEqualTo(256 * 1024);

    // The cleaner runs on its own thread after a collection finds the buffer unreachable.
    while (allocator.bytesInUse() != 0) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(allocator.bytesInUse()).isZero();
  }
}
