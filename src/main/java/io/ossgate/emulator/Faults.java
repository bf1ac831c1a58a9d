package io.ossgate.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults one endpoint injects. Values that switch a fault off: latency zero, bandwidth 0
 * (unlimited), resetAfterBytes and stallAfterBytes -1, errorRatePercent 0.
 *
 * @param latency                  delay between receiving request headers and handling the request
 * @param bandwidthBytesPerSecond  cap on response body bytes per second, per response (0 = none)
 * @param refuseConnections        the listening socket is closed: connects get ECONNREFUSED
 * @param resetAfterBytes          send headers and this many body bytes, then close the connection
 * @param errorRatePercent         share of requests (0..100) answered with {@code errorStatus};
 *                                 deterministic: evenly spread by a per-endpoint counter
 * @param errorStatus              500 (InternalError) or 503 (SlowDown); other 5xx give InternalError
 * @param stall                    accept the request and never answer
 * @param stallAfterBytes          send headers and this many body bytes, then nothing more
 */
public record Faults(
    Duration latency,
    long bandwidthBytesPerSecond,
    boolean refuseConnections,
    long resetAfterBytes,
    int errorRatePercent,
    int errorStatus,
    boolean stall,
    long stallAfterBytes) {

  private static final Faults NONE = new Faults(Duration.ZERO, 0, false, -1, 0, 503, false, -1);

  public Faults {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency: " + latency + " (expected: >= 0)");
    }
    if (bandwidthBytesPerSecond < 0) {
      throw new IllegalArgumentException("bandwidth: " + bandwidthBytesPerSecond + " (expected: >= 0, 0 = unlimited)");
    }
    if (resetAfterBytes < -1) {
      throw new IllegalArgumentException("reset-after-bytes: " + resetAfterBytes + " (expected: >= 0, or -1 = off)");
    }
    if (stallAfterBytes < -1) {
      throw new IllegalArgumentException("stall-after-bytes: " + stallAfterBytes + " (expected: >= 0, or -1 = off)");
    }
    if (errorRatePercent < 0 || errorRatePercent > 100) {
      throw new IllegalArgumentException("error-rate-percent: " + errorRatePercent + " (expected: 0..100)");
    }
    if (errorStatus < 500 || errorStatus > 599) {
      throw new IllegalArgumentException("error-status: " + errorStatus + " (expected: 500..599)");
    }
  }

  /** No faults at all. */
  public static Faults none() {
    return NONE;
  }

  public boolean isNone() {
    return equals(NONE);
  }

  /** True when any fault shapes the response body (the zero-copy file path is then skipped). */
  boolean shapesBody() {
    return bandwidthBytesPerSecond > 0 || resetAfterBytes >= 0 || stallAfterBytes >= 0;
  }

  public Faults withLatency(Duration value) {
    return new Faults(value, bandwidthBytesPerSecond, refuseConnections, resetAfterBytes, errorRatePercent, errorStatus, stall, stallAfterBytes);
  }

  public Faults withBandwidth(long bytesPerSecond) {
    return new Faults(latency, bytesPerSecond, refuseConnections, resetAfterBytes, errorRatePercent, errorStatus, stall, stallAfterBytes);
  }

  public Faults withRefuseConnections(boolean value) {
    return new Faults(latency, bandwidthBytesPerSecond, value, resetAfterBytes, errorRatePercent, errorStatus, stall, stallAfterBytes);
  }

  public Faults withResetAfterBytes(long bytes) {
    return new Faults(latency, bandwidthBytesPerSecond, refuseConnections, bytes, errorRatePercent, errorStatus, stall, stallAfterBytes);
  }

  /** Answers {@code percent}% of requests with {@code status} (500 InternalError, 503 SlowDown). */
  public Faults withErrorRate(int percent, int status) {
    return new Faults(latency, bandwidthBytesPerSecond, refuseConnections, resetAfterBytes, percent, status, stall, stallAfterBytes);
  }

  public Faults withStall(boolean value) {
    return new Faults(latency, bandwidthBytesPerSecond, refuseConnections, resetAfterBytes, errorRatePercent, errorStatus, value, stallAfterBytes);
  }

  public Faults withStallAfterBytes(long bytes) {
    return new Faults(latency, bandwidthBytesPerSecond, refuseConnections, resetAfterBytes, errorRatePercent, errorStatus, stall, bytes);
  }
}
