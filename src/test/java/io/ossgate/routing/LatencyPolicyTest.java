package io.ossgate.routing;

import static io.ossgate.health.HealthState.INELIGIBLE;
import static io.ossgate.health.HealthState.OPEN;
import static io.ossgate.oss.EndpointType.ACCELERATE;
import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static io.ossgate.routing.Views.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.health.HealthFixtures;
import io.ossgate.oss.EndpointType;
import io.ossgate.site.Site;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class LatencyPolicyTest {

  private final Site site = HealthFixtures.site(INTERNAL, ACCELERATE, INTERNET);
  private final LatencyPolicy policy = new LatencyPolicy();
  private static final RequestHints SMALL = RequestHints.of("GET");

  private List<EndpointType> rank(RequestHints hints, Views.Row... rows) {
    return Views.types(policy.rank(site, Views.snapshot(site, rows), hints));
  }

  @Test
  void lowestFirstByteWhenSizeUnknown() {
    assertThat(rank(SMALL, row(INTERNAL, 5.0), row(ACCELERATE, 50.0), row(INTERNET, 30.0)))
        .containsExactly(INTERNAL, INTERNET, ACCELERATE);
  }

  @Test
  void throughputDecidesForLargeObjects() {
    Views.Row[] rows = {row(INTERNAL, 20.0, 1.0), row(ACCELERATE, 80.0, 50.0), row(INTERNET, 40.0, 5.0)};
    // 100 MB: internal 100.02 s, accelerate 2.08 s, internet 20.04 s
    assertThat(rank(RequestHints.of("GET", 100_000_000L), rows)).containsExactly(ACCELERATE, INTERNET, INTERNAL);
    // 1 KB: the transfer term is negligible, first byte wins
    assertThat(rank(RequestHints.of("GET", 1_000L), rows)).containsExactly(INTERNAL, INTERNET, ACCELERATE);
    assertThat(rank(SMALL, rows)).containsExactly(INTERNAL, INTERNET, ACCELERATE);
  }

  @Test
  void unknownThroughputAssumesTheBestKnown() {
    // internal: 10 ms + 100 MB at (assumed) 10 MB/s; accelerate: 50 ms + the same
    assertThat(rank(RequestHints.of("GET", 100_000_000L),
        row(INTERNAL, 10.0, null), row(ACCELERATE, 50.0, 10.0), row(INTERNET, 60.0, 2.0)))
        .containsExactly(INTERNAL, ACCELERATE, INTERNET);
  }

  @Test
  void unknownLatencyCountsAsOneSecond() {
    assertThat(rank(SMALL, row(INTERNAL, (Double) null), row(ACCELERATE, 1500.0), row(INTERNET, 900.0)))
        .containsExactly(INTERNET, INTERNAL, ACCELERATE);
  }

  @Test
  void allUnknownKeepsConfiguredOrder() {
    assertThat(rank(SMALL, row(INTERNAL, (Double) null), row(ACCELERATE, (Double) null), row(INTERNET, (Double) null)))
        .containsExactly(INTERNAL, ACCELERATE, INTERNET);
  }

  @Test
  void openThenIneligibleGoLast() {
    assertThat(rank(SMALL, row(INTERNAL, OPEN, 5.0), row(ACCELERATE, 50.0), row(INTERNET, INELIGIBLE, 1.0)))
        .containsExactly(ACCELERATE, INTERNAL, INTERNET);
  }

  @Test
  void allUnusableAreStillRankedByScore() {
    assertThat(rank(SMALL, row(INTERNAL, OPEN, 50.0), row(ACCELERATE, OPEN, 10.0), row(INTERNET, INELIGIBLE, 1.0)))
        .containsExactly(ACCELERATE, INTERNAL, INTERNET);
  }
}
