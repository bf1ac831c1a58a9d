package io.ossgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ossgate.config.SelectionSettings.BreakerSettings;
import io.ossgate.config.UpstreamSettings.Scheme;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class ConfigLoaderTest {

  /** The smallest valid site, as YAML lines under {@code sites:}. */
  private static final String SITE = """
        - name: static
          bucket: example-bucket
          region: ap-southeast-1
          endpoints: [internal, internet]
      """;

  private static String withSite(String top) {
    return top + "\nsites:\n" + SITE;
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad("unknown top-level key", withSite("servr:\n  http: 0.0.0.0:8080"),
            "servr: unknown key; did you mean 'server'? (expected one of: server, admin, upstream, selection, sites, credentials)"),
        bad("unknown nested key", withSite("upstream:\n  connect_timeout: 2s"),
            "upstream.connect_timeout: unknown key; did you mean 'connect-timeout'?"),
        bad("unknown key two levels down", withSite("selection:\n  breaker:\n    windw: 20"),
            "selection.breaker.windw: unknown key"),
        bad("unknown key in a site", """
            sites:
              - name: static
                bucket: example-bucket
                region: ap-southeast-1
                endpoints: [internal]
                tls: true
            """, "sites[0].tls: unknown key (expected one of: name, domains, bucket"),
        bad("https without certificates", withSite("server:\n  https:\n    listen: 0.0.0.0:8443"),
            "server.https.certificates: missing"),
        bad("bad bucket", site("bucket: Bad_Bucket"),
            "sites[0].bucket: 'Bad_Bucket' is not a valid bucket name: character 'B' at 0"),
        bad("region with oss- prefix", site("region: oss-ap-southeast-1"),
            "sites[0].region: 'oss-ap-southeast-1' is an OSS region id (expected: the region id without 'oss-', e.g. 'ap-southeast-1')"),
        bad("bad region", site("region: Hangzhou"), "sites[0].region: 'Hangzhou' is not a region id"),
        bad("unknown endpoint type", site("endpoints: [internal, vpc]"),
            "sites[0].endpoints[1]: 'vpc' is not an endpoint type (expected one of: internal, accelerate, accelerate-overseas, internet, dualstack)"),
        bad("duplicate endpoint type", site("endpoints: [internal, internet, internal]"),
            "sites[0].endpoints[2]: 'internal' is already listed at sites[0].endpoints[0]"),
        bad("empty endpoints", site("endpoints: []"), "sites[0].endpoints: empty (expected: at least one of internal"),
        bad("missing endpoints", """
            sites:
              - name: static
                bucket: example-bucket
                region: ap-southeast-1
            """, "sites[0].endpoints: missing"),
        bad("missing bucket", """
            sites:
              - name: static
                region: ap-southeast-1
                endpoints: [internet]
            """, "sites[0].bucket: missing (expected: a bucket name"),
        bad("duplicate domain across sites", """
            sites:
              - name: a
                domains: [a.example.com, static.example.com]
                bucket: example-bucket
                region: ap-southeast-1
                endpoints: [internet]
              - name: b
                domains: [Static.Example.com]
                bucket: other-bucket
                region: ap-southeast-1
                endpoints: [internet]
            """, "sites[1].domains[0]: 'static.example.com' is already claimed by sites[0].domains[1]"),
        bad("duplicate site name", """
            sites:
              - name: static
                bucket: example-bucket
                region: ap-southeast-1
                endpoints: [internet]
              - name: static
                bucket: other-bucket
                region: ap-southeast-1
                endpoints: [internet]
            """, "sites[1].name: 'static' is already the name of sites[0].name"),
        bad("empty site name", site("name: ''"), "sites[0].name: '' (expected: 1-63 letters"),
        bad("OSS default domain", site("domains: [example-bucket.oss-ap-southeast-1.aliyuncs.com]"),
            "sites[0].domains[0]: 'example-bucket.oss-ap-southeast-1.aliyuncs.com' is an OSS default domain"),
        bad("invalid domain", site("domains: [static_site.example.com]"),
            "sites[0].domains[0]: 'static_site.example.com' is not a valid host name: label 'static_site'"),
        bad("wildcard domain", site("domains: ['*.example.com']"), "sites[0].domains[0]: '*.example.com' is a wildcard"),
        bad("domain with scheme", site("domains: ['https://static.example.com']"),
            "sites[0].domains[0]: 'https://static.example.com' is not a host name"),
        bad("bucket in two regions", """
            sites:
              - name: a
                bucket: example-bucket
                region: ap-southeast-1
                endpoints: [internet]
              - name: b
                bucket: example-bucket
                region: cn-hangzhou
                endpoints: [internet]
            """, "sites[1].region: 'cn-hangzhou', but bucket 'example-bucket' is in 'ap-southeast-1' at sites[0].region"),
        bad("bad listen address", withSite("server:\n  http: localhost"),
            "server.http: 'localhost' (expected: host:port, or [ipv6]:port)"),
        bad("port out of range", withSite("admin:\n  listen: 127.0.0.1:70000"),
            "admin.listen: '127.0.0.1:70000': port 70000 (expected: 0..65535)"),
        bad("bad duration", withSite("upstream:\n  connect-timeout: 2 sec"),
            "upstream.connect-timeout: '2 sec' (expected: a duration like 250ms, 5s, 1m)"),
        bad("bare number as duration", withSite("upstream:\n  idle-timeout: 60"),
            "upstream.idle-timeout: '60' (expected: a duration like 250ms, 5s, 1m)"),
        bad("zero timeout", withSite("upstream:\n  first-byte-timeout: 0s"),
            "upstream.first-byte-timeout: '0s' (expected: a duration > 0"),
        bad("bad size", withSite("selection:\n  replay-buffer: 1 megabyte"),
            "selection.replay-buffer: '1 megabyte' (expected: a size like 512, 64KiB, 1MiB, 10MB"),
        bad("bad percent", withSite("selection:\n  hysteresis: 10"),
            "selection.hysteresis: '10' (expected: a percentage like 10%)"),
        bad("percent out of range", withSite("selection:\n  breaker:\n    failure-rate: 150%"),
            "selection.breaker.failure-rate: '150%' (expected: 1%..100%)"),
        bad("window below minimum calls", withSite("selection:\n  breaker:\n    minimum-calls: 10\n    window: 5"),
            "selection.breaker.window: 5 (expected: >= minimum-calls, 10)"),
        bad("bad integer", withSite("selection:\n  resume-attempts: many"),
            "selection.resume-attempts: 'many' (expected: a whole number 0..10)"),
        bad("integer out of range", withSite("selection:\n  resume-attempts: 11"),
            "selection.resume-attempts: 11 (expected: a whole number 0..10)"),
        bad("bad policy", withSite("selection:\n  policy: fastest"),
            "selection.policy: 'fastest' (expected one of: latency, cost, ordered)"),
        bad("bad site policy", site("policy: cheapest"), "sites[0].policy: 'cheapest' (expected one of: latency, cost, ordered)"),
        bad("bad auth", site("auth: none"), "sites[0].auth: 'none' (expected one of: passthrough, sign)"),
        bad("bad preview", site("preview: attachment"), "sites[0].preview: 'attachment' (expected one of: inline, passthrough)"),
        bad("bad scheme", withSite("upstream:\n  scheme: ftp"), "upstream.scheme: 'ftp' (expected one of: http, https)"),
        bad("value without a value", withSite("upstream:\n  scheme:"), "upstream.scheme: has no value (expected: one of http, https)"),
        bad("dns server not an IP", withSite("upstream:\n  dns-servers: [dns.example.com]"),
            "upstream.dns-servers[0]: 'dns.example.com' (expected: an IP address"),
        bad("dns server with bad port", withSite("upstream:\n  dns-servers: ['100.100.2.136:0']"),
            "upstream.dns-servers[0]: '100.100.2.136:0' (expected: an IP address"),
        bad("resolve key not a host", withSite("upstream:\n  resolve:\n    'bad host': 127.0.0.1:80"),
            "upstream.resolve['bad host']: 'bad host' is not a valid host name"),
        bad("resolve value not an address", withSite("upstream:\n  resolve:\n    example-bucket.oss-accelerate.aliyuncs.com: 127.0.0.1"),
            "upstream.resolve['example-bucket.oss-accelerate.aliyuncs.com']: '127.0.0.1' (expected: host:port"),
        bad("resolve to port 0", withSite("upstream:\n  resolve:\n    a.example.com: 127.0.0.1:0"),
            "upstream.resolve['a.example.com']: '127.0.0.1:0' has port 0 (expected: 1..65535)"),
        bad("wrong type: list for a mapping", withSite("upstream: [scheme, https]"),
            "upstream: expected a mapping with keys scheme, connect-timeout"),
        bad("wrong type: mapping for a scalar", withSite("server:\n  http: {host: 0.0.0.0, port: 80}"),
            "server.http: expected an address like 0.0.0.0:8080, got a mapping"),
        bad("wrong type: scalar for a list", site("domains: static.example.com"),
            "sites[0].domains: expected a list of host names, like [a, b], got 'static.example.com'"),
        bad("wrong type: sites is a mapping", "sites:\n  name: static\n", "sites: expected a list of sites"),
        bad("wrong type: a site is a scalar", "sites:\n  - static\n", "sites[0]: expected a mapping with keys name, domains"),
        bad("empty site entry", "sites:\n  -\n", "sites[0]: has no value"),
        bad("empty file", "", "test.yaml: the configuration is empty (expected: a mapping with at least 'sites')"),
        bad("only comments", "# nothing here\n", "test.yaml: the configuration is empty"),
        bad("root is a list", "- a\n- b\n", "test.yaml: expected a mapping with keys server, admin"),
        bad("no sites", "server:\n  http: 0.0.0.0:8080\n", "sites: missing (expected: a list with at least one site)"),
        bad("empty sites", "sites: []\n", "sites: empty (expected: at least one site)"),
        bad("YAML syntax error", "sites:\n  - name: [unclosed\n", "test.yaml:3:1: not valid YAML: "),
        bad("bad indentation", "sites:\n  - name: a\n   bucket: b\n", "test.yaml:3:"),
        bad("duplicate key", "sites: []\nsites: []\n", "test.yaml:2:"));
  }

  private static Arguments bad(String name, String yaml, String expectedLineStart) {
    return Arguments.of(name, yaml, expectedLineStart);
  }

  /** The smallest valid site with one line replaced (or added). */
  private static String site(String line) {
    String key = line.substring(0, line.indexOf(':') + 1);
    StringBuilder yaml = new StringBuilder("sites:\n");
    boolean replaced = false;
    for (String l : SITE.stripTrailing().split("\n")) {
      String trimmed = l.strip().replaceFirst("^- ", "");
      if (trimmed.startsWith(key)) {
        yaml.append(l, 0, l.indexOf(trimmed)).append(line).append('\n');
        replaced = true;
      } else {
        yaml.append(l).append('\n');
      }
    }
    if (!replaced) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badConfigIsReportedWithItsKeyPath(String name, String yaml, String expectedLineStart) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yaml"));

    assertThat(e).as("no ConfigException for: %s", name).isNotNull();
    assertThat(e.sourceName()).isEqualTo("test.yaml");
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(expectedLineStart));
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
  }

  @Test
  void reportsEveryProblemAtOnceInFileOrder() {
    String yaml = """
        upstream:
          connect-timeout: soon
        selection:
          hysteresis: 10
        sites:
          - name: static
            bucket: Bad_Bucket
            region: oss-cn-hangzhou
            endpoints: [internal, vpc]
        """;

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "x.yaml"));

    assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("upstream.connect-timeout", "selection.hysteresis", "sites[0].bucket", "sites[0].region",
            "sites[0].endpoints[1]");
  }

  @Test
  void fullConfigBecomesTheExpectedRecords() {
    String yaml = """
        server:
          http: '[::]:8081'
        admin:
          listen: 127.0.0.1:0
        upstream:
          scheme: http
          connect-timeout: 250ms
          first-byte-timeout: PT3S
          idle-timeout: 1m
          dns-servers: [100.100.2.136, '100.100.2.138:53', '[fd00::1]:53', 'fd00::2']
          resolve:
            Example-Bucket.oss-accelerate.aliyuncs.com: 127.0.0.1:9001
        selection:
          policy: ordered
          decay: 30s
          hysteresis: 15%
          cost-tolerance: 40%
          probe-interval: 0s
          probe-timeout: 1s
          retry-budget: 5%
          replay-buffer: 64KiB
          resume-attempts: 0
          breaker: {failure-rate: 30%, minimum-calls: 3, window: 10, open-for: 5s, ineligible-for: 1h}
        sites:
          - name: static
            domains: [Static.Example.com., cdn.example.com]
            bucket: example-bucket
            region: ap-southeast-1
            endpoints: [internal, accelerate, internet]
            auth: sign
            preview: passthrough
            policy: cost
          - name: vpc
            bucket: example-bucket
            region: ap-southeast-1
            endpoints: [INTERNAL, internet]
        """;

    GatewayConfig config = ConfigLoader.parse(yaml, "full.yaml");

    assertThat(config.server().http()).isEqualTo(new HostPort("::", 8081));
    assertThat(config.admin().listen()).isEqualTo(new HostPort("127.0.0.1", 0));
    assertThat(config.upstream()).isEqualTo(new UpstreamSettings(Scheme.HTTP, Duration.ofMillis(250),
        Duration.ofSeconds(3), Duration.ofMinutes(1),
        List.of("100.100.2.136", "100.100.2.138:53", "[fd00::1]:53", "fd00::2"),
        Map.of("example-bucket.oss-accelerate.aliyuncs.com", new HostPort("127.0.0.1", 9001))));
    assertThat(config.selection()).isEqualTo(new SelectionSettings(SelectionPolicy.ORDERED, Duration.ofSeconds(30),
        15, 40, Duration.ZERO, Duration.ofSeconds(1),
        new BreakerSettings(30, 3, 10, Duration.ofSeconds(5), Duration.ofHours(1)), 5, 64 * 1024, 0));
    assertThat(config.sites()).containsExactly(
        new SiteSettings("static", List.of("static.example.com", "cdn.example.com"), BucketName.of("example-bucket"),
            RegionId.of("ap-southeast-1"),
            List.of(EndpointType.INTERNAL, EndpointType.ACCELERATE, EndpointType.INTERNET),
            AuthMode.SIGN, PreviewMode.PASSTHROUGH, Optional.of(SelectionPolicy.COST)),
        // Two sites may front one bucket; a site may have no custom domains at all.
        new SiteSettings("vpc", List.of(), BucketName.of("example-bucket"), RegionId.of("ap-southeast-1"),
            List.of(EndpointType.INTERNAL, EndpointType.INTERNET),
            AuthMode.PASSTHROUGH, PreviewMode.INLINE, Optional.empty()));
  }

  @Test
  void absentKeysTakeTheDefaults() {
    GatewayConfig config = ConfigLoader.parse("sites:\n" + SITE, "min.yaml");

    assertThat(config.server().http()).isEqualTo(ServerSettings.DEFAULT_HTTP);
    assertThat(config.admin().listen()).isEqualTo(AdminSettings.DEFAULT_LISTEN);
    assertThat(config.upstream()).isEqualTo(UpstreamSettings.defaults());
    assertThat(config.selection()).isEqualTo(SelectionSettings.defaults());
    SiteSettings site = config.sites().get(0);
    assertThat(site.auth()).isEqualTo(AuthMode.PASSTHROUGH);
    assertThat(site.preview()).isEqualTo(PreviewMode.INLINE);
    assertThat(site.policy()).isEmpty();
    assertThat(site.domains()).isEmpty();
  }

  @Test
  void sectionsWithEveryLineCommentedOutTakeTheDefaults() {
    String yaml = "server:\nupstream:\nselection:\n  breaker:\nsites:\n" + SITE;

    GatewayConfig config = ConfigLoader.parse(yaml, "empty-sections.yaml");

    assertThat(config.upstream()).isEqualTo(UpstreamSettings.defaults());
    assertThat(config.selection()).isEqualTo(SelectionSettings.defaults());
  }

  @Test
  void exampleConfigurationLoads() {
    GatewayConfig config = ConfigLoader.load(Path.of("conf/ossgate.yaml"));

    assertThat(config.sites()).hasSize(1);
    SiteSettings site = config.sites().get(0);
    assertThat(site.bucket()).isEqualTo(BucketName.of("example-bucket"));
    assertThat(site.region()).isEqualTo(RegionId.of("ap-southeast-1"));
    assertThat(site.domains()).containsExactly("static.example.com");
    assertThat(site.endpoints()).containsExactly(EndpointType.INTERNAL, EndpointType.ACCELERATE, EndpointType.INTERNET);
    // The example shows every default, so it must equal them.
    assertThat(config.upstream()).isEqualTo(UpstreamSettings.defaults());
    assertThat(config.selection()).isEqualTo(SelectionSettings.defaults());
  }

  @Test
  void loadReadsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gw.yaml");
    Files.writeString(file, "sites:\n" + SITE);

    assertThat(ConfigLoader.load(file).sites()).extracting(SiteSettings::name).containsExactly("static");
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": file not found");
  }
}
