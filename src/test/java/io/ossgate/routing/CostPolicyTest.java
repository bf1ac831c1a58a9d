package io.ossgate.routing;

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
class CostPolicyTest {

  // Configured fastest-looking first, to show the order comes from cost, not configuration.
  private final Site site = HealthFixtures.site(ACCELERATE, INTERNET, INTERNAL);
  private final CostPolicy policy = new CostPolicy(25);
  private static final RequestHints SMALL = RequestHints.of("GET");

  private List<EndpointType> rank(RequestHints hints, Views.Row... rows) {
    return Views.types(policy.rank(site, Views.snapshot(site, rows), hints));
  }

  @Test
  void everythingWithinToleranceGoesByCost() {
    // fastest 8 ms → band 10 ms
    assertThat(rank(SMALL, row(INTERNAL, 10.0), row(INTERNET, 9.0), row(ACCELERATE, 8.0)))
        .containsExactly(INTERNAL, INTERNET, ACCELERATE);
  }

  @Test
  void tooSlowCheapOneFallsOutOfTheBand() {
    // band 10 ms: internal (12) is out; internet is the cheapest inside
    assertThat(rank(SMALL, row(INTERNAL, 12.0), row(INTERNET, 10.0), row(ACCELERATE, 8.0)))
        .containsExactly(INTERNET, ACCELERATE, INTERNAL);
    // band 11.25 ms
    assertThat(rank(SMALL, row(INTERNAL, 30.0), row(INTERNET, 10.0), row(ACCELERATE, 9.0)))
        .containsExactly(INTERNET, ACCELERATE, INTERNAL);
  }

  @Test
  void accelerateWinsOnlyWhenClearlyFasterForTheSize() {
    Views.Row[] rows = {row(INTERNAL, 2.0, 10.0), row(INTERNET, 20.0, 10.0), row(ACCELERATE, 30.0, 100.0)};
    // 1 GB: internal 100.002 s, internet 100.02 s, accelerate 10.03 s
    assertThat(rank(RequestHints.of("GET", 1_000_000_000L), rows)).containsExactly(ACCELERATE, INTERNAL, INTERNET);
    // 100 KB: 12 ms, 30 ms, 31 ms → band 15 ms: internal only
    assertThat(rank(RequestHints.of("GET", 100_000L), rows)).containsExactly(INTERNAL, INTERNET, ACCELERATE);
  }

  @Test
  void bandIsMeasuredFromTheFastestUsable() {
    assertThat(rank(SMALL, row(INTERNAL, OPEN, 1.0), row(INTERNET, 10.0), row(ACCELERATE, 9.0)))
        .containsExactly(INTERNET, ACCELERATE, INTERNAL);
  }

  @Test
  void allUnknownGoesByCost() {
    assertThat(rank(SMALL, row(INTERNAL, (Double) null), row(INTERNET, (Double) null), row(ACCELERATE, (Double) null)))
        .containsExactly(INTERNAL, INTERNET, ACCELERATE);
  }

  @Test
  void allOpenRankedByTime() {
    assertThat(rank(SMALL, row(INTERNAL, OPEN, 30.0), row(INTERNET, OPEN, 10.0), row(ACCELERATE, OPEN, 20.0)))
        .containsExactly(INTERNET, ACCELERATE, INTERNAL);
  }
}
