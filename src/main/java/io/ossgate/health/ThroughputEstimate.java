package io.ossgate.health;

import io.ossgate.common.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * Bytes per second of response bodies, as a time-decayed EWMA ({@code w = exp(−Δt/τ)}, same τ as
 * {@link PeakEwma}). Only bodies of at least {@code minBytes} count: small bodies measure
 * round-trips and TCP slow start, not bandwidth. Thread-safe.
 */
public final class ThroughputEstimate {

  private final Ticker ticker;
  private final double tauNanos;
  private final long minBytes;
  private double bytesPerSecond = Double.NaN;
  private long stampNanos;

  public ThroughputEstimate(Duration decay, long minBytes, Ticker ticker) {
    Objects.requireNonNull(decay, "decay");
    if (decay.isNegative() || decay.isZero()) {
      throw new IllegalArgumentException("decay: " + decay + " (expected: > 0)");
    }
    if (minBytes < 1) {
      throw new IllegalArgumentException("minBytes: " + minBytes + " (expected: >= 1)");
    }
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.tauNanos = decay.toNanos();
    this.minBytes = minBytes;
  }

  /**
   * Records a body of {@code bytes} that took {@code elapsedNanos} from headers to its end.
   * Returns false (and records nothing) when the body is too small or the time is not positive.
   */
  public synchronized boolean observe(long bytes, long elapsedNanos) {
    if (bytes < minBytes || elapsedNanos <= 0) {
      return false;
    }
    long now = ticker.nanos();
    double rate = bytes * 1e9 / elapsedNanos;
    if (Double.isNaN(bytesPerSecond)) {
      bytesPerSecond = rate;
    } else {
      double w = Math.exp(-Math.max(0, now - stampNanos) / tauNanos);
      bytesPerSecond = bytesPerSecond * w + rate * (1 - w);
    }
    stampNanos = now;
    return true;
  }

  /** Bytes per second, or {@code NaN} while no large enough body has been seen. */
  public synchronized double bytesPerSecond() {
    return bytesPerSecond;
  }

  public long minBytes() {
    return minBytes;
  }
}
