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
class SelectorTest {

  private final Site site = HealthFixtures.site(INTERNAL, INTERNET, ACCELERATE);
  private static final RequestHints SMALL = RequestHints.of("GET");

  private static EndpointType chosen(Selector s) {
    return s.current().orElseThrow().type();
  }

  @Test
  void latencyHysteresisTenPercent() {
    Selector s = new Selector(site, new LatencyPolicy(), 10);
    s.select(Views.snapshot(site, row(INTERNAL, 100.0), row(INTERNET, 120.0), row(ACCELERATE, 200.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNAL);

    // 5 % better: no switch, and the incumbent stays first in the ranking too
    List<EndpointType> ranked = Views.types(s.select(
        Views.snapshot(site, row(INTERNAL, 100.0), row(INTERNET, 95.0), row(ACCELERATE, 200.0)), SMALL));
    assertThat(chosen(s)).isEqualTo(INTERNAL);
    assertThat(ranked).containsExactly(INTERNAL, INTERNET, ACCELERATE);

    // 20 % better: switch
    s.select(Views.snapshot(site, row(INTERNAL, 100.0), row(INTERNET, 80.0), row(ACCELERATE, 200.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNET);

    // and back only with the same margin
    s.select(Views.snapshot(site, row(INTERNAL, 76.0), row(INTERNET, 80.0), row(ACCELERATE, 200.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNET);
    s.select(Views.snapshot(site, row(INTERNAL, 70.0), row(INTERNET, 80.0), row(ACCELERATE, 200.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNAL);
  }

  @Test
  void withoutHysteresisFivePercentSwitches() {
    Selector s = new Selector(site, new LatencyPolicy(), 0);
    s.select(Views.snapshot(site, row(INTERNAL, 100.0), row(INTERNET, 120.0)), SMALL);
    s.select(Views.snapshot(site, row(INTERNAL, 100.0), row(INTERNET, 95.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNET);
  }

  @Test
  void openIncumbentIsDroppedAtOnce() {
    Selector s = new Selector(site, new LatencyPolicy(), 10);
    s.select(Views.snapshot(site, row(INTERNAL, 10.0), row(INTERNET, 100.0)), SMALL);
    List<EndpointType> ranked = Views.types(
        s.select(Views.snapshot(site, row(INTERNAL, OPEN, 10.0), row(INTERNET, 100.0)), SMALL));
    assertThat(ranked.get(0)).isEqualTo(INTERNET);
    assertThat(chosen(s)).isEqualTo(INTERNET);
  }

  @Test
  void allOpenKeepsThePreviousChoiceButStillRanks() {
    Selector s = new Selector(site, new LatencyPolicy(), 10);
    s.select(Views.snapshot(site, row(INTERNAL, 10.0), row(INTERNET, 100.0), row(ACCELERATE, 50.0)), SMALL);
    List<EndpointType> ranked = Views.types(s.select(Views.snapshot(site,
        row(INTERNAL, OPEN, 10.0), row(INTERNET, OPEN, 100.0), row(ACCELERATE, OPEN, 50.0)), SMALL));
    assertThat(ranked).containsExactly(INTERNAL, ACCELERATE, INTERNET);
    assertThat(chosen(s)).isEqualTo(INTERNAL);
  }

  @Test
  void costBandEdgesAreSticky() {
    Selector s = new Selector(site, new CostPolicy(25), 10);
    // internet 10 ms → band 12.5 ms: internal (12) is inside
    s.select(Views.snapshot(site, row(INTERNAL, 12.0), row(INTERNET, 10.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNAL);
    // 13 ms is outside the band, but the incumbent's margin (13 × 0.9 = 11.7) keeps it
    s.select(Views.snapshot(site, row(INTERNAL, 13.0), row(INTERNET, 10.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNAL);
    // 14.5 × 0.9 = 13.05 > 12.5: leave
    s.select(Views.snapshot(site, row(INTERNAL, 14.5), row(INTERNET, 10.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNET);
    // back at 12 ms: incumbent internet counts 9 ms, band 11.25: internal stays out
    s.select(Views.snapshot(site, row(INTERNAL, 12.0), row(INTERNET, 10.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNET);
    s.select(Views.snapshot(site, row(INTERNAL, 11.0), row(INTERNET, 10.0)), SMALL);
    assertThat(chosen(s)).isEqualTo(INTERNAL);
  }

  @Test
  void largeRequestsKeepTheirOwnChoice() {
    Selector s = new Selector(site, new LatencyPolicy(), 10);
    var health = Views.snapshot(site, row(INTERNAL, 10.0, 1.0), row(INTERNET, 30.0, 2.0), row(ACCELERATE, 60.0, 100.0));
    s.select(health, SMALL);
    s.select(health, RequestHints.of("GET", 1_000_000_000L));
    assertThat(chosen(s)).isEqualTo(INTERNAL);
    assertThat(s.currentLarge().orElseThrow().type()).isEqualTo(ACCELERATE);
  }
}
