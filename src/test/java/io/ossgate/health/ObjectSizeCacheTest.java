package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ObjectSizeCacheTest {

  private final FakeTicker ticker = new FakeTicker();
  private final ObjectSizeCache cache = new ObjectSizeCache(ticker, 100, Duration.ofMinutes(10), Runnable::run);

  @Test
  void remembersSizeAndEtagUntilExpiry() {
    cache.record("b", "big.bin", 1_000_000_000L, "\"ABC\"");
    assertThat(cache.lookup("b", "big.bin")).contains(new ObjectSizeCache.ObjectSize(1_000_000_000L, "\"ABC\""));
    assertThat(cache.lookup("other", "big.bin")).isEmpty();
    ticker.advance(Duration.ofMinutes(10).minusNanos(1));
    assertThat(cache.lookup("b", "big.bin")).isPresent();
    ticker.advance(Duration.ofNanos(1));
    assertThat(cache.lookup("b", "big.bin")).isEmpty();
  }

  @Test
  void invalidateForgets() {
    cache.record("b", "k", 5, null);
    cache.invalidate("b", "k");
    assertThat(cache.lookup("b", "k")).isEmpty();
  }

  @Test
  void isBounded() {
    for (int i = 0; i < 1000; i++) {
      cache.record("b", "k" + i, i, null);
    }
    cache.lookup("b", "k0");   // runs pending maintenance on this thread
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
  }
}
