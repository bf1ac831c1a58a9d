package io.ossgate.health;

import io.ossgate.common.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * Peak-EWMA estimate of time to response headers (Finagle/Linkerd {@code PeakEwma}, peers §1.4).
 * A sample above the estimate is adopted at once (the peak); otherwise
 * {@code cost = cost·w + rtt·(1−w)} with {@code w = exp(−Δt/τ)}, Δt being the ticker time since
 * the previous sample. Decay is time-based: a sample after a long silence almost replaces the
 * estimate, many samples in a burst move it little each.
 *
 * <p>Unlike Finagle, reading does not decay the estimate toward zero: an idle upstream keeps its
 * last estimate until a probe or request measures it again (probes run every few seconds).
 * Thread-safe; each call is a few arithmetic operations under the object's monitor.
 */
public final class PeakEwma {

  private final Ticker ticker;
  private final double tauNanos;
  private double costNanos = Double.NaN;
  private long stampNanos;

  public PeakEwma(Duration decay, Ticker ticker) {
    Objects.requireNonNull(decay, "decay");
    if (decay.isNegative() || decay.isZero()) {
      throw new IllegalArgumentException("decay: " + decay + " (expected: > 0)");
    }
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.tauNanos = decay.toNanos();
  }

  /** Records one time-to-headers sample, in nanoseconds (negative values are clamped to 0). */
  public synchronized void observe(long rttNanos) {
    long now = ticker.nanos();
    double rtt = Math.max(0, rttNanos);
    if (Double.isNaN(costNanos) || rtt > costNanos) {
      costNanos = rtt;
    } else {
      double dt = Math.max(0, now - stampNanos);
      double w = Math.exp(-dt / tauNanos);
      costNanos = costNanos * w + rtt * (1 - w);
    }
    stampNanos = now;
  }

  /** The estimate in nanoseconds, or {@code NaN} while there has been no sample. */
  public synchronized double estimateNanos() {
    return costNanos;
  }
}
