package io.ossgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ossgate.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(10)
class ObjectCrcTest {

  @Test
  void knownValueIsReadyAtOnce(Vertx vertx) {
    Future<Long> crc = ObjectCrc.known(42).get(vertx);

    assertThat(crc.isComplete()).isTrue();
    assertThat(crc.result()).isEqualTo(42);
  }

  @Test
  void lazyValueIsComputedOnceForConcurrentCallersOnTheirOwnContexts(Vertx vertx) throws Exception {
    AtomicInteger computations = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ObjectCrc crc = ObjectCrc.lazy(() -> {
      computations.incrementAndGet();
      release.await(5, TimeUnit.SECONDS); // every caller asks while the first computation runs
      return 7L;
    });

    CountDownLatch asked = new CountDownLatch(4);
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Context context = vertx.getOrCreateContext();
      Promise<Boolean> answer = Promise.promise();
      context.runOnContext(v -> {
        crc.get(vertx).onComplete(ar -> answer.complete(ar.succeeded() && ar.result() == 7L
            && Vertx.currentContext() == context));
        asked.countDown();
      });
      answers.add(answer.future());
    }
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    for (Future<Boolean> answer : answers) {
      assertThat(Await.of(answer, 5)).as("right value, called back on the caller's context").isTrue();
    }
    assertThat(Await.of(crc.get(vertx), 5)).isEqualTo(7L);
    assertThat(computations).hasValue(1);
  }

  @Test
  void failedComputationIsRetriedByTheNextCaller(Vertx vertx) {
    AtomicInteger computations = new AtomicInteger();
    ObjectCrc crc = ObjectCrc.lazy(() -> {
      if (computations.incrementAndGet() == 1) {
        throw new IllegalStateException("first try fails");
      }
      return 9L;
    });

    assertThatThrownBy(() -> Await.on(vertx, () -> crc.get(vertx), 5)).hasMessageContaining("first try fails");
    assertThat(Await.on(vertx, () -> crc.get(vertx), 5)).isEqualTo(9L);
    assertThat(computations).hasValue(2);
  }
}
