package io.ossgate.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future on the JUnit thread (never on an event loop), bounded in time. */
public final class Await {
  private Await() {}

  public static <T> T of(Future<T> future) {
    return of(future, 20);
  }

  /**
   * Builds {@code chain} on a Vert.x context and waits for it through a context-free promise. With
   * Vert.x 5.0.7, a client request chain built from a non-Vert.x thread occasionally never
   * completes (reproduced without any ossgate code); built on a context it always does.
   */
  public static <T> T on(io.vertx.core.Vertx vertx, java.util.function.Supplier<Future<T>> chain, int seconds) {
    io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        chain.get().onComplete(done);
      } catch (Throwable t) {
        done.tryFail(t);
      }
    });
    return of(done.future(), seconds);
  }

  public static <T> T on(io.vertx.core.Vertx vertx, java.util.function.Supplier<Future<T>> chain) {
    return on(vertx, chain, 20);
  }

  public static <T> T of(Future<T> future, int seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s", e);
    }
  }
}
