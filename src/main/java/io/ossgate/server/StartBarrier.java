package io.ossgate.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the start of N verticle instances until all N have been given their contexts.
 *
 * <p>Vert.x deploys instances in a loop: create a context (taking the next event loop, round
 * robin), start the instance on it, create the next context. An instance that starts meanwhile
 * and creates a context of its own (an HTTP client or server can) takes an event loop from the
 * same round robin, and two instances end up on one loop. Instances that wait here until the
 * last one has arrived start only after every context exists. Thread-safe.
 */
final class StartBarrier {

  private final int parties;
  private final List<Runnable> waiting = new ArrayList<>();

  StartBarrier(int parties) {
    this.parties = parties;
  }

  /** Completes, on {@code context}, once all parties have arrived. */
  Future<Void> arrive(Context context) {
    Promise<Void> released = Promise.promise();
    List<Runnable> release;
    synchronized (this) {
      waiting.add(() -> context.runOnContext(v -> released.complete()));
      if (waiting.size() < parties) {
        return released.future();
      }
      release = List.copyOf(waiting);
    }
    release.forEach(Runnable::run);
    return released.future();
  }
}
