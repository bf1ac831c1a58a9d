package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class PeakEwmaTest {

  private static final double MS = 1e6;
  private final FakeTicker ticker = new FakeTicker();
  private final PeakEwma ewma = new PeakEwma(Duration.ofSeconds(10), ticker);

  @Test
  void unknownUntilFirstSample() {
    assertThat(ewma.estimateNanos()).isNaN();
    ewma.observe(ms(100));
    assertThat(ewma.estimateNanos()).isEqualTo(100 * MS);
  }

  @Test
  void lowerSampleDecaysByElapsedTime() {
    ewma.observe(ms(100));
    ticker.advance(Duration.ofSeconds(10));      // Δt = τ: w = e^-1 = 0.3679
    ewma.observe(ms(50));
    assertThat(ewma.estimateNanos() / MS).isCloseTo(100 * Math.exp(-1) + 50 * (1 - Math.exp(-1)), within(1e-6))
        .isCloseTo(68.39, within(0.01));
  }

  @Test
  void peakIsAdoptedAtOnceWhateverTheTime() {
    ewma.observe(ms(50));
    ticker.advance(Duration.ofMillis(1));
    ewma.observe(ms(500));
    assertThat(ewma.estimateNanos() / MS).isEqualTo(500);
  }

  @Test
  void samplesCloseTogetherMoveTheEstimateLittle() {
    ewma.observe(ms(500));
    ticker.advance(Duration.ofMillis(100));      // w = e^-0.01 = 0.990
    ewma.observe(ms(100));
    assertThat(ewma.estimateNanos() / MS).isCloseTo(500 - 400 * (1 - Math.exp(-0.01)), within(1e-6))
        .isCloseTo(496.02, within(0.01));
  }

  @Test
  void longSilenceAlmostReplacesTheEstimate() {
    ewma.observe(ms(500));
    ticker.advance(Duration.ofSeconds(60));      // w = e^-6 = 0.0025
    ewma.observe(ms(100));
    assertThat(ewma.estimateNanos() / MS).isCloseTo(100 + 400 * Math.exp(-6), within(1e-6))
        .isCloseTo(100.99, within(0.01));
  }

  private static long ms(long ms) {
    return Duration.ofMillis(ms).toNanos();
  }
}
