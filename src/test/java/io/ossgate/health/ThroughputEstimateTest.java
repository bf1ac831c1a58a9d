package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ThroughputEstimateTest {

  private static final long MIB = 1024 * 1024;
  private final FakeTicker ticker = new FakeTicker();
  private final ThroughputEstimate tput = new ThroughputEstimate(Duration.ofSeconds(10), 256 * 1024, ticker);

  @Test
  void smallBodiesAreIgnored() {
    assertThat(tput.observe(100 * 1024, Duration.ofMillis(10).toNanos())).isFalse();
    assertThat(tput.bytesPerSecond()).isNaN();
  }

  @Test
  void firstSampleIsAdoptedThenEwmaOverTime() {
    assertThat(tput.observe(10 * MIB, Duration.ofSeconds(1).toNanos())).isTrue();
    assertThat(tput.bytesPerSecond()).isEqualTo(10.0 * MIB);
    ticker.advance(Duration.ofSeconds(10));   // w = e^-1
    tput.observe(40 * MIB, Duration.ofSeconds(2).toNanos());   // 20 MiB/s
    double expected = 10.0 * MIB * Math.exp(-1) + 20.0 * MIB * (1 - Math.exp(-1));
    assertThat(tput.bytesPerSecond()).isCloseTo(expected, within(1.0));
    assertThat(tput.bytesPerSecond() / MIB).isCloseTo(16.32, within(0.01));
  }
}
