package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RetryBudgetTest {

  private final FakeTicker ticker = new FakeTicker();

  @Test
  void allowsUpToThePercentageAndRefusesBeyond() {
    RetryBudget budget = new RetryBudget(20, 1, Duration.ofSeconds(10), ticker);   // floor 10
    for (int i = 0; i < 1000; i++) {
      budget.onRequest();
    }
    for (int i = 0; i < 200; i++) {
      assertThat(budget.tryAcquireRetry()).as("retry %d", i).isTrue();
    }
    assertThat(budget.tryAcquireRetry()).isFalse();
    for (int i = 0; i < 5; i++) {
      budget.onRequest();                    // 1005 requests → 201 allowed
    }
    assertThat(budget.tryAcquireRetry()).isTrue();
    assertThat(budget.tryAcquireRetry()).isFalse();
  }

  @Test
  void floorLetsLowTrafficFailOver() {
    RetryBudget budget = new RetryBudget(20, 1, Duration.ofSeconds(10), ticker);
    budget.onRequest();
    for (int i = 0; i < 10; i++) {
      assertThat(budget.tryAcquireRetry()).isTrue();
    }
    assertThat(budget.tryAcquireRetry()).isFalse();
  }

  @Test
  void refillsAsTheWindowSlides() {
    RetryBudget budget = new RetryBudget(10, 0, Duration.ofSeconds(10), ticker);
    for (int i = 0; i < 100; i++) {
      budget.onRequest();
    }
    for (int i = 0; i < 10; i++) {
      assertThat(budget.tryAcquireRetry()).isTrue();
    }
    assertThat(budget.tryAcquireRetry()).isFalse();

    ticker.advance(Duration.ofSeconds(5));
    for (int i = 0; i < 100; i++) {
      budget.onRequest();                    // 200 requests in window → 20 allowed, 10 used
    }
    for (int i = 0; i < 10; i++) {
      assertThat(budget.tryAcquireRetry()).isTrue();
    }
    assertThat(budget.tryAcquireRetry()).isFalse();

    ticker.advance(Duration.ofSeconds(6));   // the first 100 requests and 10 retries left the window
    for (int i = 0; i < 100; i++) {
      budget.onRequest();                    // 200 in window again, 10 retries in window
    }
    for (int i = 0; i < 10; i++) {
      assertThat(budget.tryAcquireRetry()).isTrue();
    }
    assertThat(budget.tryAcquireRetry()).isFalse();

    ticker.advance(Duration.ofMinutes(5));   // everything gone, no floor
    assertThat(budget.tryAcquireRetry()).isFalse();
  }
}
