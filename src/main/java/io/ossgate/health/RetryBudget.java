package io.ossgate.health;

import io.ossgate.common.Ticker;
import io.ossgate.config.SelectionSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Caps retries at a share of recent requests (Envoy {@code retry_budget}, Finagle
 * {@code RetryBudget}), so a sick upstream cannot double the load on the others. A retry is
 * allowed while {@code retries < max(floor, percent × requests / 100)} over a sliding window of
 * ten buckets; the floor ({@code minRetriesPerSecond × window}) lets low traffic still fail over.
 *
 * <p>Call {@link #onRequest()} once per client request (not per attempt) and
 * {@link #tryAcquireRetry()} before every attempt after the first. Thread-safe: short
 * synchronized sections over two small arrays.
 */
public final class RetryBudget {

  private static final int BUCKETS = 10;

  private final Ticker ticker;
  private final int percent;
  private final long floor;
  private final long bucketNanos;
  private final long[] requests = new long[BUCKETS];
  private final long[] retries = new long[BUCKETS];
  private long epoch;   // index of the newest bucket (ticker nanos / bucketNanos)

  public RetryBudget(int percent, int minRetriesPerSecond, Duration window, Ticker ticker) {
    Objects.requireNonNull(window, "window");
    if (percent < 0) {
      throw new IllegalArgumentException("percent: " + percent + " (expected: >= 0)");
    }
    if (minRetriesPerSecond < 0) {
      throw new IllegalArgumentException("minRetriesPerSecond: " + minRetriesPerSecond + " (expected: >= 0)");
    }
    if (window.toNanos() < BUCKETS) {
      throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
    }
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.percent = percent;
    this.bucketNanos = window.toNanos() / BUCKETS;
    this.floor = (long) Math.ceil(minRetriesPerSecond * (window.toNanos() / 1e9));
    this.epoch = Math.floorDiv(ticker.nanos(), bucketNanos);
  }

  /** {@code selection.retry-budget} over a 10 s window, at least 5 retries per second. */
  public static RetryBudget of(SelectionSettings settings, Ticker ticker) {
    return new RetryBudget(settings.retryBudgetPercent(), 5, Duration.ofSeconds(10), ticker);
  }

  public synchronized void onRequest() {
    requests[advance()]++;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  public synchronized boolean tryAcquireRetry() {
    int slot = advance();
    long req = 0;
    long ret = 0;
    for (int i = 0; i < BUCKETS; i++) {
      req += requests[i];
      ret += retries[i];
    }
    long allowed = Math.max(floor, req * percent / 100);
    if (ret >= allowed) {
      return false;
    }
    retries[slot]++;
    return true;
  }

  /** Moves the window to now, clearing buckets that fell out; returns the current slot. */
  private int advance() {
    long now = Math.floorDiv(ticker.nanos(), bucketNanos);
    long steps = Math.min(now - epoch, BUCKETS);
    for (long i = 1; i <= steps; i++) {
      int slot = (int) Math.floorMod(epoch + i, (long) BUCKETS);
      requests[slot] = 0;
      retries[slot] = 0;
    }
    if (now > epoch) {
      epoch = now;
    }
    return (int) Math.floorMod(epoch, (long) BUCKETS);
  }
}
