package io.ossgate.health;

import io.ossgate.config.AuthMode;
import io.ossgate.config.PreviewMode;
import io.ossgate.config.SelectionPolicy;
import io.ossgate.config.SelectionSettings;
import io.ossgate.config.SelectionSettings.BreakerSettings;
import io.ossgate.config.SiteSettings;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import io.ossgate.site.Site;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sites and settings shared by the health and routing tests. */
public final class HealthFixtures {

  private HealthFixtures() {}

  public static Site site(EndpointType... types) {
    return site("static", SelectionPolicy.LATENCY, types);
  }

  public static Site site(String name, SelectionPolicy policy, EndpointType... types) {
    return Site.from(new SiteSettings(name, List.of(name + ".example.com"), BucketName.of("example-bucket"),
        RegionId.of("cn-hangzhou"), List.of(types), AuthMode.PASSTHROUGH, PreviewMode.INLINE,
        Optional.of(policy)));
  }

  /** Breaker: 50 % over a window of 10, at least 4 calls; open 10 s; ineligible 10 min. */
  public static SelectionSettings settings() {
    return settings(Duration.ofSeconds(5));
  }

  public static SelectionSettings settings(Duration probeInterval) {
    return new SelectionSettings(SelectionPolicy.LATENCY, Duration.ofSeconds(10), 10, 25,
        probeInterval, Duration.ofSeconds(2),
        new BreakerSettings(50, 4, 10, Duration.ofSeconds(10), Duration.ofMinutes(10)),
        20, 1024 * 1024, 3);
  }
}
