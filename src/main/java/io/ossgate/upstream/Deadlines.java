package io.ossgate.upstream;

import io.ossgate.common.Ticker;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts of one fixed length for one event loop, for the first-byte timer that every upstream
 * attempt starts and almost every attempt cancels a few milliseconds later.
 *
 * <p>A Vert.x timer per attempt costs a scheduled task in Netty's priority queue plus an entry in
 * Vert.x's timer map, both created and removed per request. Here, because every deadline has the
 * same length, the order of starting is the order of expiry: deadlines live in a linked FIFO, so
 * starting and cancelling one is a few pointer writes, and one Vert.x timer, armed for the oldest
 * deadline, serves them all. When it fires it expires what is due and re-arms for the new oldest.
 *
 * <p>Confined to one event loop (created, used and fired on it); not thread-safe.
 */
public final class Deadlines {

  private final Vertx vertx;
  private final Ticker ticker;
  private final long lengthNanos;
  private Deadline oldest;
  private Deadline newest;
  private long armedTimer = -1;

  public Deadlines(Vertx vertx, Ticker ticker, long lengthMillis) {
    if (lengthMillis <= 0) {
      throw new IllegalArgumentException("deadline length must be positive: " + lengthMillis);
    }
    this.vertx = vertx;
    this.ticker = ticker;
    this.lengthNanos = TimeUnit.MILLISECONDS.toNanos(lengthMillis);
  }

  public long lengthMillis() {
    return TimeUnit.NANOSECONDS.toMillis(lengthNanos);
  }

  /** Starts a deadline: {@code onExpiry} runs on this event loop unless it is cancelled first. */
  public Deadline start(Runnable onExpiry) {
    Deadline d = new Deadline(ticker.nanos() + lengthNanos, onExpiry);
    if (newest == null) {
      oldest = d;
    } else {
      newest.next = d;
      d.prev = newest;
    }
    newest = d;
    if (armedTimer < 0) {
      arm(d.dueNanos);
    }
    return d;
  }

  /** Number of deadlines running (for tests and diagnostics). */
  int running() {
    int n = 0;
    for (Deadline d = oldest; d != null; d = d.next) {
      n++;
    }
    return n;
  }

  private void arm(long dueNanos) {
    long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(dueNanos - ticker.nanos() + 999_999));
    armedTimer = vertx.setTimer(delayMillis, id -> fire());
  }

  private void fire() {
    armedTimer = -1;
    long now = ticker.nanos();
    while (oldest != null && oldest.dueNanos <= now) {
      Deadline due = oldest;
      unlink(due);
      due.onExpiry.run();
    }
    if (oldest != null) {
      arm(oldest.dueNanos);
    }
  }

  private void unlink(Deadline d) {
    if (d.prev == null) {
      oldest = d.next;
    } else {
      d.prev.next = d.next;
    }
    if (d.next == null) {
      newest = d.prev;
    } else {
      d.next.prev = d.prev;
    }
    d.prev = null;
    d.next = null;
    d.done = true;
  }

  /** One running deadline. */
  public final class Deadline {
    private final long dueNanos;
    private final Runnable onExpiry;
    private Deadline prev;
    private Deadline next;
    private boolean done;

    private Deadline(long dueNanos, Runnable onExpiry) {
      this.dueNanos = dueNanos;
      this.onExpiry = onExpiry;
    }

    /** Stops the deadline; {@code onExpiry} will not run. Idempotent, and harmless after expiry. */
    public void cancel() {
      if (!done) {
        unlink(this);
      }
    }
  }
}
