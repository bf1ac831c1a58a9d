package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.common.Ticker;
import io.ossgate.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class DeadlinesTest {

  private static final long LENGTH_MILLIS = 40;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.of(vertx.close());
  }

  /** What expired, in order, and how long after its start. */
  private record Expiry(String name, long afterNanos) {}

  @Test
  void expiresInStartOrderNoEarlierThanTheLengthAndSkipsCancelledOnes() {
    List<Expiry> expired = Await.on(vertx, () -> {
      Deadlines deadlines = new Deadlines(vertx, Ticker.system(), LENGTH_MILLIS);
      Promise<List<Expiry>> done = Promise.promise();
      List<Expiry> seen = new ArrayList<>();
      long start = System.nanoTime();
      // The oldest deadline is the one the single timer is armed for: cancelling it must not lose the others.
      Deadlines.Deadline first = deadlines.start(() -> seen.add(new Expiry("first", System.nanoTime() - start)));
      deadlines.start(() -> seen.add(new Expiry("second", System.nanoTime() - start)));
      Deadlines.Deadline third = deadlines.start(() -> seen.add(new Expiry("third", System.nanoTime() - start)));
      deadlines.start(() -> {
        seen.add(new Expiry("fourth", System.nanoTime() - start));
        assertThat(deadlines.running()).isZero();
        done.complete(seen);
      });
      first.cancel();
      third.cancel();
      third.cancel(); // idempotent
      assertThat(deadlines.running()).isEqualTo(2);
      return done.future();
    });
    assertThat(expired).extracting(Expiry::name).containsExactly("second", "fourth");
    assertThat(expired).allSatisfy(e ->
        assertThat(e.afterNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(LENGTH_MILLIS)));
  }

  @Test
  void aDeadlineStartedAfterTheQueueEmptiedStillExpires() {
    long afterNanos = Await.on(vertx, () -> {
      Deadlines deadlines = new Deadlines(vertx, Ticker.system(), LENGTH_MILLIS);
      Promise<Long> done = Promise.promise();
      deadlines.start(() -> {
        // Started from an expiry callback, while the queue is empty and no timer is armed.
        long start = System.nanoTime();
        deadlines.start(() -> done.complete(System.nanoTime() - start));
      });
      return done.future();
    });
    assertThat(afterNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(LENGTH_MILLIS));
  }

  @Test
  void cancellingEveryDeadlineLeavesNothingToExpire() {
    int[] cancelledButExpired = {0};
    int running = Await.on(vertx, () -> {
      Deadlines deadlines = new Deadlines(vertx, Ticker.system(), LENGTH_MILLIS);
      List<Deadlines.Deadline> started = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        started.add(deadlines.start(() -> cancelledButExpired[0]++));
      }
      // Cancel from the middle out, so unlinking covers head, tail and inner nodes.
      for (int i = 0; i < 500; i++) {
        started.get(500 + i).cancel();
        started.get(499 - i).cancel();
      }
      // A later deadline proves the armed timer fired and found nothing due but this one.
      Promise<Integer> done = Promise.promise();
      deadlines.start(() -> done.complete(deadlines.running()));
      return done.future();
    });
    assertThat(running).isZero();
    assertThat(cancelledButExpired[0]).isZero();
  }
}
