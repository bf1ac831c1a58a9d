package io.ossgate.routing;

import static io.ossgate.oss.EndpointType.ACCELERATE;
import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.SelectionPolicy;
import io.ossgate.health.AttemptTicket;
import io.ossgate.health.BodyEnd;
import io.ossgate.health.HealthFixtures;
import io.ossgate.health.HealthRegistry;
import io.ossgate.oss.EndpointType;
import io.ossgate.site.Site;
import io.ossgate.testing.FakeTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RoutingTest {

  private final FakeTicker ticker = new FakeTicker();
  private final Site fast = HealthFixtures.site("fast", SelectionPolicy.LATENCY, INTERNET, INTERNAL, ACCELERATE);
  private final Site ordered = HealthFixtures.site("ordered", SelectionPolicy.ORDERED, INTERNET, INTERNAL);
  private final HealthRegistry registry = new HealthRegistry(List.of(fast, ordered), HealthFixtures.settings(), ticker);
  private final Routing routing = new Routing(List.of(fast, ordered), registry, HealthFixtures.settings());

  private void measure(Site site, EndpointType type, long ms) {
    AttemptTicket t = registry.begin(site.upstream(type).orElseThrow());
    ticker.advance(Duration.ofMillis(ms));
    t.headers(200, null);
    t.bodyDone(0, BodyEnd.COMPLETE);
  }

  @Test
  void ranksFromLiveHealthAndRemembersTheChoice() {
    assertThat(routing.currentChoice(fast)).isEmpty();
    measure(fast, INTERNET, 40);
    measure(fast, INTERNAL, 4);
    measure(fast, ACCELERATE, 60);
    assertThat(Views.types(routing.rank(fast, RequestHints.of("GET")))).containsExactly(INTERNAL, INTERNET, ACCELERATE);
    assertThat(routing.currentChoice(fast).orElseThrow().type()).isEqualTo(INTERNAL);

    // internal starts failing: the breaker opens and it drops to the end
    for (int i = 0; i < 4; i++) {
      AttemptTicket t = registry.begin(fast.upstream(INTERNAL).orElseThrow());
      t.headers(503, null);
      t.bodyDone(0, BodyEnd.COMPLETE);
    }
    assertThat(Views.types(routing.rank(fast, RequestHints.of("GET")))).containsExactly(INTERNET, ACCELERATE, INTERNAL);
    assertThat(routing.currentChoice(fast).orElseThrow().type()).isEqualTo(INTERNET);
  }

  @Test
  void eachSiteUsesItsOwnPolicy() {
    measure(ordered, INTERNAL, 1);
    measure(ordered, INTERNET, 100);
    assertThat(Views.types(routing.rank(ordered, RequestHints.of("GET")))).containsExactly(INTERNET, INTERNAL);
  }
}
