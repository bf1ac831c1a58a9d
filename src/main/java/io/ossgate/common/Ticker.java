package io.ossgate.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The one time source of the gateway: latency trackers, breakers and caches all read it, so tests
 * can step time by hand instead of sleeping. Values are monotonic nanoseconds with an arbitrary
 * origin, like {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

  long nanos();

  static Ticker system() {
    return System::nanoTime;
  }

  /**
   * A {@link Clock} view for libraries that want one (Resilience4j). The instant is the ticker's
   * nanos since the epoch: only differences are meaningful.
   */
  default Clock asClock() {
    Ticker self = this;
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.EPOCH.plusNanos(self.nanos());
      }

      @Override
      public long millis() {
        return self.nanos() / 1_000_000L;
      }
    };
  }
}
