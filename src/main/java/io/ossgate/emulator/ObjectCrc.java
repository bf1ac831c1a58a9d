package io.ossgate.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CRC-64 of an object's whole body, as {@code x-oss-hash-crc64ecma} carries it. Known once the
 * body was received or stored; for generated objects (up to GiBs) computed on first use instead,
 * once, on a worker, so emulator startup stays instant and objects nobody reads cost nothing.
 * Thread-safe: objects are served by every event loop.
 */
final class ObjectCrc {

  private final Callable<Long> compute;
  // A JDK future rather than a Vert.x one: requests on other event loops wait for it too, and each
  // must be called back on its own context.
  private final AtomicReference<CompletableFuture<Long>> value = new AtomicReference<>();

  private ObjectCrc(Callable<Long> compute) {
    this.compute = compute;
  }

  static ObjectCrc known(long crc) {
    ObjectCrc known = new ObjectCrc(null);
    known.value.set(CompletableFuture.completedFuture(crc));
    return known;
  }

  /** Computed by the blocking {@code compute} when first asked for. */
  static ObjectCrc lazy(Callable<Long> compute) {
    return new ObjectCrc(compute);
  }

  /**
   * The CRC. A known one comes as a completed future, so its caller goes on at once; otherwise the
   * future completes on the caller's context.
   */
  Future<Long> get(Vertx vertx) {
    CompletableFuture<Long> crc = started(vertx);
    if (crc.isDone() && !crc.isCompletedExceptionally()) {
      return Future.succeededFuture(crc.join());
    }
    return Future.fromCompletionStage(crc, vertx.getOrCreateContext());
  }

  /** The computation, started by the first caller; later callers share it. */
  private CompletableFuture<Long> started(Vertx vertx) {
    while (true) {
      CompletableFuture<Long> current = value.get();
      if (current != null) {
        return current;
      }
      CompletableFuture<Long> mine = new CompletableFuture<>();
      if (value.compareAndSet(null, mine)) {
        // Unordered: CRCs of different objects asked for on one event loop compute side by side.
        vertx.executeBlocking(compute, false).onComplete(done -> {
          if (done.succeeded()) {
            mine.complete(done.result());
          } else {
            value.compareAndSet(mine, null); // a later request tries again
            mine.completeExceptionally(done.cause());
          }
        });
        return mine;
      }
    }
  }
}
