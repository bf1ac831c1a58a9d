package io.ossgate.server;

import io.ossgate.config.ConfigException;
import io.ossgate.config.ConfigLoader;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HostPort;
import io.ossgate.config.SelectionSettings;
import io.ossgate.config.SelectionSettings.BreakerSettings;
import io.ossgate.config.SiteSettings;
import io.ossgate.config.Units;
import io.ossgate.config.UpstreamSettings;
import io.ossgate.site.Site;
import io.ossgate.site.SiteRegistry;
import io.ossgate.site.Upstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ossgate check --config FILE}: validates a configuration and prints it resolved — the
 * listeners, upstream settings, and for each site its upstream hosts in order. Exit 0 when valid;
 * 1 with every problem (each starting with its key path) on stderr otherwise.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate a configuration file and print the resolved sites and upstream hosts.")
public final class CheckCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The YAML configuration file, e.g. conf/ossgate.yaml.")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GatewayConfig loaded;
    try {
      loaded = ConfigLoader.load(config);
    } catch (ConfigException e) {
      ConfigProblems.print(e, err);
      return 1;
    }
    render(loaded, config.toString(), out);
    out.flush();
    return 0;
  }

  /** {@link #render(GatewayConfig, String, PrintWriter)} into a String. */
  public static String render(GatewayConfig config, String sourceName) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      render(config, sourceName, out);
    }
    return text.toString();
  }

  /**
   * Prints the resolved configuration. Fields are printed one by one, never through a record's
   * {@code toString()}: a credential field added to a settings record later is therefore never
   * shown unless it is added here, and then it must go through {@link #redacted(Object)}.
   */
  public static void render(GatewayConfig config, String sourceName, PrintWriter out) {
    List<Site> sites = config.sites().stream().map(Site::from).toList();
    int n = sites.size();
    out.println(sourceName + ": valid, " + n + (n == 1 ? " site" : " sites"));
    out.println();
    out.println("listeners");
    out.println("  http:  " + config.server().http());
    config.server().https().ifPresent(https -> {
      out.println("  https: " + https.listen() + " (certificate by SNI; first is the default)");
      https.certificates().forEach(c -> out.println("    cert " + c.cert() + ", key " + c.key()));
    });
    out.println("  admin: " + config.admin().listen());
    out.println();
    renderUpstream(config.upstream(), out);
    out.println();
    renderSelection(config.selection(), out);
    out.println();
    CheckCredentials.render(config, out);
    SiteRegistry registry = SiteRegistry.of(sites);
    Set<String> pinsUsed = new HashSet<>();
    for (Site site : sites) {
      out.println();
      renderSite(site, config, registry, pinsUsed, out);
    }
    for (String host : config.upstream().resolve().keySet()) {
      if (!pinsUsed.contains(host)) {
        out.println();
        out.println("note: upstream.resolve['" + host + "'] pins a host that no site's upstreams use");
      }
    }
  }

  private static void renderUpstream(UpstreamSettings u, PrintWriter out) {
    out.println("upstream");
    out.println("  scheme: " + u.scheme().name().toLowerCase(Locale.ROOT));
    out.println("  connect-timeout: " + Units.formatDuration(u.connectTimeout()));
    out.println("  first-byte-timeout: " + Units.formatDuration(u.firstByteTimeout()));
    out.println("  idle-timeout: " + Units.formatDuration(u.idleTimeout()));
    out.println("  dns-servers: " + (u.dnsServers().isEmpty() ? "(system resolver)" : String.join(", ", u.dnsServers())));
    out.println("  ca-file: " + u.caFile().map(p -> p + " (with the system trust store)").orElse("(system trust store)"));
    if (u.resolve().isEmpty()) {
      out.println("  resolve: (none)");
    } else {
      out.println("  resolve:");
      u.resolve().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.println("    " + e.getKey() + " -> " + e.getValue()));
    }
  }

  private static void renderSelection(SelectionSettings s, PrintWriter out) {
    BreakerSettings b = s.breaker();
    out.println("selection");
    out.println("  policy: " + s.policy().configName());
    out.println("  decay: " + Units.formatDuration(s.decay()) + ", hysteresis: " + s.hysteresisPercent()
        + "%, cost-tolerance: " + s.costTolerancePercent() + "%");
    out.println("  probe-interval: " + (s.probeInterval().isZero() ? "0s (probes off)" : Units.formatDuration(s.probeInterval()))
        + ", probe-timeout: " + Units.formatDuration(s.probeTimeout()));
    out.println("  retry-budget: " + s.retryBudgetPercent() + "%, replay-buffer: " + Units.formatSize(s.replayBufferBytes())
        + ", resume-attempts: " + s.resumeAttempts());
    out.println("  breaker: failure-rate " + b.failureRatePercent() + "%, minimum-calls " + b.minimumCalls()
        + ", window " + b.windowSize() + ", open-for " + Units.formatDuration(b.openFor())
        + ", ineligible-for " + Units.formatDuration(b.ineligibleFor()));
  }

  private static void renderSite(Site site, GatewayConfig config, SiteRegistry registry, Set<String> pinsUsed,
      PrintWriter out) {
    SiteSettings s = site.settings();
    out.println("site " + s.name());
    out.println("  domains: " + (s.domains().isEmpty() ? "(none; default bucket domains only)" : String.join(", ", s.domains())));
    out.println("  bucket: " + s.bucket());
    out.println("  region: " + s.region());
    out.println("  policy: " + s.effectivePolicy(config.selection()).configName()
        + (s.policy().isPresent() ? " (site)" : " (selection.policy)"));
    out.println("  auth: " + s.auth().name().toLowerCase(Locale.ROOT));
    out.println("  preview: " + s.preview().name().toLowerCase(Locale.ROOT));
    out.println("  https-redirect: " + s.httpsRedirect());
    out.println("  methods: " + s.access().describeMethods() + ", bound-domain: " + s.access().boundDomain());
    BrowserSettingsView.render(s.browser(), out);
    out.println("  upstreams, in order:");
    Map<String, HostPort> pins = config.upstream().resolve();
    for (Upstream u : site.upstreams()) {
      HostPort pin = pins.get(u.host());
      if (pin != null) {
        pinsUsed.add(u.host());
      }
      out.println("    " + u.type().configName() + " -> " + u.host() + (pin == null ? "" : " (pinned to " + pin + ")"));
    }
    out.println("  also answers on the bucket's default domains:");
    for (String host : site.defaultBucketHosts()) {
      Site owner = registry.byHost(host).orElse(site);
      out.println("    " + host + (owner == site ? "" : " (taken by site " + owner.name() + ", configured earlier)"));
    }
  }

  /** How a secret is shown: never its value, only whether one is set. */
  static String redacted(Object secret) {
    return secret == null ? "(not set)" : "(set, redacted)";
  }
}
