package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoublingReadSizesTest {

  private static final int KIB = 1024;

  @Test
  void aFullReadDoublesTheNextUpToTheMaximum() {
    DoublingReadSizes.Sizer sizer = new DoublingReadSizes.Sizer(KIB, 2 * KIB, 1024 * KIB);
    for (int expected = 2 * KIB; expected < 1024 * KIB; expected <<= 1) {
      assertThat(sizer.next()).isEqualTo(expected);
      sizer.record(expected);
    }
    assertThat(sizer.next()).isEqualTo(1024 * KIB);
    sizer.record(1024 * KIB);
    assertThat(sizer.next()).isEqualTo(1024 * KIB);
  }

  @Test
  void responsesOfJustOver64KiBSettleOn128KiBReads() {
    // Netty's adaptive sizing went from a full 64 KiB read to 1 MiB and back down, read by read.
    DoublingReadSizes.Sizer sizer = new DoublingReadSizes.Sizer(KIB, 64 * KIB, 1024 * KIB);
    sizer.record(64 * KIB);          // the first response fills a 64 KiB read...
    sizer.record(300);               // ...and its last 300 bytes come in the next one
    for (int i = 0; i < 20; i++) {
      assertThat(sizer.next()).isEqualTo(128 * KIB);
      sizer.record(64 * KIB + 300);  // each later response fits one read
    }
  }

  @Test
  void twoReadsInARowOfAtMostHalfHalveTheNext() {
    DoublingReadSizes.Sizer sizer = new DoublingReadSizes.Sizer(KIB, 256 * KIB, 1024 * KIB);
    sizer.record(10 * KIB);
    assertThat(sizer.next()).isEqualTo(256 * KIB);
    sizer.record(10 * KIB);
    assertThat(sizer.next()).isEqualTo(128 * KIB);
    sizer.record(10 * KIB);
    sizer.record(100 * KIB);         // more than half: the streak of small reads is broken
    sizer.record(10 * KIB);
    assertThat(sizer.next()).isEqualTo(128 * KIB);
    for (int i = 0; i < 40; i++) {
      sizer.record(10);
    }
    assertThat(sizer.next()).isEqualTo(KIB);
  }

  @Test
  void sizesMustBeOrderedPowersOfTwo() {
    assertThatThrownBy(() -> new DoublingReadSizes(1000, 2048, 4096)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DoublingReadSizes(4096, 2048, 8192)).isInstanceOf(IllegalArgumentException.class);
  }
}
