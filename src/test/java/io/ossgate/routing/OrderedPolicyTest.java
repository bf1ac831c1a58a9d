package io.ossgate.routing;

import static io.ossgate.health.HealthState.INELIGIBLE;
import static io.ossgate.health.HealthState.OPEN;
import static io.ossgate.oss.EndpointType.ACCELERATE;
import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static io.ossgate.routing.Views.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.health.HealthFixtures;
import io.ossgate.site.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class OrderedPolicyTest {

  private final Site site = HealthFixtures.site(ACCELERATE, INTERNAL, INTERNET);
  private final OrderedPolicy policy = new OrderedPolicy();

  @Test
  void configuredOrderIgnoresLatency() {
    assertThat(Views.types(policy.rank(site, Views.snapshot(site,
        row(ACCELERATE, 500.0), row(INTERNAL, 1.0), row(INTERNET, 2.0)), RequestHints.of("GET"))))
        .containsExactly(ACCELERATE, INTERNAL, INTERNET);
  }

  @Test
  void failsOverPastUnusable() {
    assertThat(Views.types(policy.rank(site, Views.snapshot(site,
        row(ACCELERATE, OPEN, 5.0), row(INTERNAL, 1.0), row(INTERNET, 2.0)), RequestHints.of("GET"))))
        .containsExactly(INTERNAL, INTERNET, ACCELERATE);
    assertThat(Views.types(policy.rank(site, Views.snapshot(site,
        row(ACCELERATE, INELIGIBLE, 5.0), row(INTERNAL, OPEN, 1.0), row(INTERNET, OPEN, 2.0)), RequestHints.of("GET"))))
        .containsExactly(INTERNAL, INTERNET, ACCELERATE);
  }
}
