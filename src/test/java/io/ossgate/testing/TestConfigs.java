package io.ossgate.testing;

import io.ossgate.config.AdminSettings;
import io.ossgate.config.AuthMode;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.config.PreviewMode;
import io.ossgate.config.SelectionSettings;
import io.ossgate.config.ServerSettings;
import io.ossgate.config.SiteSettings;
import io.ossgate.config.UpstreamSettings;
import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds gateway configurations for tests: loopback, port 0, upstreams pinned to local ports. */
public final class TestConfigs {
  public static final String DOMAIN = "static.test";
  public static final BucketName BUCKET = BucketName.of("demo-bucket");
  public static final RegionId REGION = RegionId.of("cn-hangzhou");

  private final Map<EndpointType, Integer> ports = new LinkedHashMap<>();
  private UpstreamSettings upstream = new UpstreamSettings(UpstreamSettings.Scheme.HTTP, Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(), Map.of());
  /** Defaults, but no active probes: they would hit the hand-written origins of plain proxy tests. */
  private SelectionSettings selection = withoutProbes(SelectionSettings.defaults());

  public static SelectionSettings withoutProbes(SelectionSettings s) {
    return new SelectionSettings(s.policy(), s.decay(), s.hysteresisPercent(), s.costTolerancePercent(),
        java.time.Duration.ZERO, s.probeTimeout(), s.breaker(), s.retryBudgetPercent(), s.replayBufferBytes(),
        s.resumeAttempts());
  }

  public static TestConfigs site() {
    return new TestConfigs();
  }

  /** Adds an endpoint type served at 127.0.0.1:port; order of calls is the configured order. */
  public TestConfigs endpoint(EndpointType type, int port) {
    ports.put(type, port);
    return this;
  }

  public TestConfigs timeouts(Duration connect, Duration firstByte, Duration idle) {
    upstream = new UpstreamSettings(UpstreamSettings.Scheme.HTTP, connect, firstByte, idle, List.of(), Map.of());
    return this;
  }

  public TestConfigs selection(SelectionSettings selection) {
    this.selection = selection;
    return this;
  }

  public GatewayConfig build() {
    Map<String, HostPort> resolve = new LinkedHashMap<>();
    ports.forEach((type, port) ->
        resolve.put(BucketDomain.of(BUCKET, type, REGION).host(), new HostPort("127.0.0.1", port)));
    UpstreamSettings up = new UpstreamSettings(upstream.scheme(), upstream.connectTimeout(),
        upstream.firstByteTimeout(), upstream.idleTimeout(), List.of(), resolve);
    SiteSettings site = new SiteSettings("static", List.of(DOMAIN), BUCKET, REGION, new ArrayList<>(ports.keySet()),
        AuthMode.PASSTHROUGH, PreviewMode.PASSTHROUGH, Optional.empty());
    return new GatewayConfig(new ServerSettings(new HostPort("127.0.0.1", 0)),
        new AdminSettings(new HostPort("127.0.0.1", 0)), up, selection, List.of(site));
  }

  public static String host(EndpointType type) {
    return BucketDomain.of(BUCKET, type, REGION).host();
  }
}
