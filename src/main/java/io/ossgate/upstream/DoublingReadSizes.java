package io.ossgate.upstream;

import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * Read sizes for upstream connections: the next read is twice as large after a read that filled
 * its buffer, and half as large after two reads in a row that used at most half of it.
 *
 * <p>Why not Netty's {@code AdaptiveRecvByteBufAllocator}: it grows sixteenfold after a full read
 * (four steps of its size table). A 64 KiB response fills a 64 KiB read, the next guess is 1 MiB,
 * and the guess then takes eight small reads to come back down, so connections serving 64 KiB
 * objects cycled through reads of 64 KiB to 1 MiB. Each of those read buffers is allocated and
 * zeroed when no free one of its size is at hand; under a 64 KiB load that was over 250 MB/s of
 * zeroing, 4–5% of the gateway's CPU. Doubling settles on 128 KiB for such responses, and still
 * reaches 1 MiB within a few reads of a large download.
 */
final class DoublingReadSizes extends DefaultMaxMessagesRecvByteBufAllocator {

  private final int minimum;
  private final int initial;
  private final int maximum;

  /**
   * @param minimum the smallest read, a power of two
   * @param initial the first read of a connection, a power of two in [minimum, maximum]
   * @param maximum the largest read, a power of two
   */
  DoublingReadSizes(int minimum, int initial, int maximum) {
    if (Integer.bitCount(minimum) != 1 || Integer.bitCount(initial) != 1 || Integer.bitCount(maximum) != 1
        || minimum > initial || initial > maximum) {
      throw new IllegalArgumentException(
          "powers of two with minimum <= initial <= maximum expected: " + minimum + ", " + initial + ", " + maximum);
    }
    this.minimum = minimum;
    this.initial = initial;
    this.maximum = maximum;
  }

  @Override
  public Handle newHandle() {
    return new SizeHandle(new Sizer(minimum, initial, maximum));
  }

  /** The sizing rule, apart from Netty's handle so that it can be tested alone. Not thread-safe. */
  static final class Sizer {
    private final int minimum;
    private final int maximum;
    private int next;
    private boolean shrinkNext;

    Sizer(int minimum, int initial, int maximum) {
      this.minimum = minimum;
      this.maximum = maximum;
      this.next = initial;
    }

    int next() {
      return next;
    }

    /** Records that a read (or one read loop) took {@code bytes}. */
    void record(int bytes) {
      if (bytes >= next) {
        next = Math.min(next << 1, maximum);
        shrinkNext = false;
      } else if (bytes <= next >> 1) {
        if (shrinkNext) {
          next = Math.max(next >> 1, minimum);
          shrinkNext = false;
        } else {
          shrinkNext = true;
        }
      } else {
        shrinkNext = false;
      }
    }
  }

  private final class SizeHandle extends MaxMessageHandle {
    private final Sizer sizer;

    SizeHandle(Sizer sizer) {
      this.sizer = sizer;
    }

    @Override
    public int guess() {
      return sizer.next();
    }

    @Override
    public void lastBytesRead(int bytes) {
      // A full read means more is waiting: grow now rather than at the end of the read loop.
      if (bytes == attemptedBytesRead()) {
        sizer.record(bytes);
      }
      super.lastBytesRead(bytes);
    }

    @Override
    public void readComplete() {
      sizer.record(totalBytesRead());
    }
  }
}
