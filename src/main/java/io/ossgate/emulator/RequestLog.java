package io.ossgate.emulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the emulator's endpoints received, in the order their exchanges ended. Tests wait
 * for a record with {@link #next(Predicate)} instead of sleeping. Thread-safe; the lock only guards
 * list operations, and waiters are completed outside it.
 */
public final class RequestLog {

  private record Waiter(Predicate<RecordedRequest> match, Promise<RecordedRequest> promise) {}

  private final Object lock = new Object();
  private final List<RecordedRequest> records = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final int capacity;

  RequestLog(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Completes with the earliest record that matches, now or when one arrives. Records dropped by
   * {@link #clear()} do not count.
   */
  public Future<RecordedRequest> next(Predicate<RecordedRequest> match) {
    Promise<RecordedRequest> promise = Promise.promise();
    synchronized (lock) {
      for (RecordedRequest r : records) {
        if (match.test(r)) {
          return Future.succeededFuture(r);
        }
      }
      waiters.add(new Waiter(match, promise));
    }
    return promise.future();
  }

  /** A snapshot of the records, oldest first. */
  public List<RecordedRequest> all() {
    synchronized (lock) {
      return List.copyOf(records);
    }
  }

  public void clear() {
    synchronized (lock) {
      records.clear();
    }
  }

  void add(RecordedRequest record) {
    List<Promise<RecordedRequest>> toComplete = new ArrayList<>();
    synchronized (lock) {
      records.add(record);
      if (records.size() > capacity) {
        // A long benchmark must not grow the log without bound; the oldest go first.
        records.subList(0, records.size() - capacity).clear();
      }
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.match().test(record)) {
          toComplete.add(w.promise());
          it.remove();
        }
      }
    }
    toComplete.forEach(p -> p.tryComplete(record));
  }
}
