package io.ossgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class UnitsTest {

  @Test
  void parsesHumanDurations() {
    assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Units.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Units.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Units.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Units.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Units.parseDuration("0s")).isZero();
    assertThat(Units.parseDuration("0")).isZero();
    assertThat(Units.parseDuration(" 10 s ")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Units.parseDuration("5S")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void parsesIsoDurations() {
    assertThat(Units.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Units.parseDuration("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2 sec", "5", "-5s", "1.5s", "s", "", "PT-5S", "5 minutes", "99999999999999999d"})
  void rejectsBadDurationsWithTheValueAndTheExpectation(String text) {
    assertThatThrownBy(() -> Units.parseDuration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' (expected: a duration like 250ms, 5s, 1m)");
  }

  @Test
  void parsesSizesBinaryAndDecimal() {
    assertThat(Units.parseSize("512")).isEqualTo(512);
    assertThat(Units.parseSize("512B")).isEqualTo(512);
    assertThat(Units.parseSize("64KiB")).isEqualTo(64 * 1024);
    assertThat(Units.parseSize("1MiB")).isEqualTo(1024 * 1024);
    assertThat(Units.parseSize("1GiB")).isEqualTo(1L << 30);
    assertThat(Units.parseSize("2TiB")).isEqualTo(2L << 40);
    assertThat(Units.parseSize("10KB")).isEqualTo(10_000);
    assertThat(Units.parseSize("10MB")).isEqualTo(10_000_000);
    assertThat(Units.parseSize("1GB")).isEqualTo(1_000_000_000);
    assertThat(Units.parseSize("64kib")).isEqualTo(64 * 1024);
    assertThat(Units.parseSize("0")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 megabyte", "1.5MiB", "-1", "MiB", "1XB", "99999999999TiB"})
  void rejectsBadSizes(String text) {
    assertThatThrownBy(() -> Units.parseSize(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' (expected: a size like 512, 64KiB, 1MiB, 10MB");
  }

  @Test
  void parsesPercentages() {
    assertThat(Units.parsePercent("10%")).isEqualTo(10);
    assertThat(Units.parsePercent("0%")).isZero();
    assertThat(Units.parsePercent("150 %")).isEqualTo(150);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "0.1", "10.5%", "%", "-5%", "ten%"})
  void rejectsBadPercentages(String text) {
    assertThatThrownBy(() -> Units.parsePercent(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' (expected: a percentage like 10%)");
  }

  @Test
  void formatsInTheLargestWholeUnit() {
    assertThat(Units.formatDuration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Units.formatDuration(Duration.ofSeconds(60))).isEqualTo("1m");
    assertThat(Units.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Units.formatDuration(Duration.ZERO)).isEqualTo("0s");
    assertThat(Units.formatSize(1024 * 1024)).isEqualTo("1MiB");
    assertThat(Units.formatSize(10_000_000)).isEqualTo("10MB");
    assertThat(Units.formatSize(513)).isEqualTo("513");
  }

  @Test
  void formattedValuesParseBack() {
    for (Duration d : new Duration[] {Duration.ofMillis(1500), Duration.ofHours(36), Duration.ofMinutes(10)}) {
      assertThat(Units.parseDuration(Units.formatDuration(d))).isEqualTo(d);
    }
    for (long size : new long[] {1, 1000, 1024, 3L << 30, 5_000_000_000L}) {
      assertThat(Units.parseSize(Units.formatSize(size))).isEqualTo(size);
    }
  }
}
