package io.ossgate.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits for a future on the JUnit thread (never on an event loop), bounded in time. */
public final class Await {
  private Await() {}

  /**
   * Waits for a future that is not built from a client chain: one already complete, or a plain
   * promise completed elsewhere (by a server handler, a request log). Anything that does network I/O
   * (client requests, server listen/close) goes through {@link #on(Vertx, Supplier)} instead.
   */
  public static <T> T of(Future<T> future) {
    return of(future, 20);
  }

  /**
   * Builds {@code chain} on a Vert.x context and waits for it through a context-free promise. With
   * Vert.x 5.0.7, a client request chain built from a non-Vert.x thread occasionally never
   * completes (reproduced without any ossgate code); built on a context it always does.
   */
  public static <T> T on(Vertx vertx, Supplier<Future<T>> chain, int seconds) {
    return of(onContext(vertx, chain), seconds);
  }

  public static <T> T on(Vertx vertx, Supplier<Future<T>> chain) {
    return on(vertx, chain, 20);
  }

  /**
   * Builds {@code chain} on a Vert.x context and returns a context-free future of its outcome,
   * without waiting: for helpers whose callers wait themselves. See {@link #on(Vertx, Supplier, int)}.
   */
  public static <T> Future<T> onContext(Vertx vertx, Supplier<Future<T>> chain) {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        chain.get().onComplete(done);
      } catch (Throwable t) {
        done.tryFail(t);
      }
    });
    return done.future();
  }

  /** Like {@link #of(Future)}, waiting at most {@code seconds}; not for client chains either. */
  public static <T> T of(Future<T> future, int seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s", e);
    }
  }
}
