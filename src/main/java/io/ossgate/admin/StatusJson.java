package io.ossgate.admin;

import io.ossgate.health.HealthRegistry;
import io.ossgate.health.UpstreamView;
import io.ossgate.routing.Routing;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Renders {@code GET /status}: every site, and per upstream its health as the router sees it. */
public final class StatusJson {
  private StatusJson() {}

  public static JsonObject render(SiteRegistry sites, HealthRegistry health, Routing routing) {
    JsonArray siteArray = new JsonArray();
    for (Site site : sites.sites()) {
      Optional<Upstream> chosen = routing.currentChoice(site);
      JsonArray ups = new JsonArray();
      for (UpstreamView v : health.snapshot(site).views()) {
        ups.add(new JsonObject()
            .put("type", v.type().configName())
            .put("host", v.host())
            .put("breaker", v.state().name())
            .put("latencyMs", v.latencyMs() == null ? null : round(v.latencyMs()))
            .put("throughputBytesPerSecond", v.throughputBytesPerSecond() == null ? null
                : Math.round(v.throughputBytesPerSecond()))
            .put("inFlight", v.inFlight())
            .put("requests", v.requests())
            .put("failures", v.failures())
            .put("bytes", v.bytes())
            .put("ineligibleCode", v.ineligibleCode())
            .put("chosen", chosen.map(c -> c.equals(v.upstream())).orElse(false)));
      }
      siteArray.add(new JsonObject()
          .put("name", site.name())
          .put("bucket", site.bucket().value())
          .put("region", site.region().value())
          .put("domains", new JsonArray(site.settings().domains()))
          .put("upstreams", ups));
    }
    return new JsonObject().put("sites", siteArray);
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}
