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

  public static <T> T of(Future<T> future, int seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s", e);
    }
  }
}
