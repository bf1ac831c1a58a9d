package io.ossgate.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a command's process alive until SIGTERM/SIGINT, then stops its components (letting
 * in-flight work finish within a grace period) and closes Vert.x. Runs on the main thread, which
 * is not an event loop, so waiting here is allowed.
 */
final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
  private static final long GRACE_SECONDS = 10;

  private Lifecycle() {}

  static int runUntilShutdown(Vertx vertx, Supplier<Future<?>> stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      try {
        stop.get().transform(ar -> vertx.close()).await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException | RuntimeException e) {
        log.warn("shutdown did not finish within {} s: {}", GRACE_SECONDS, e.toString());
      } finally {
        stopped.countDown();
      }
    }, "ossgate-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
