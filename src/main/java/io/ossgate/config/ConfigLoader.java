package io.ossgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ossgate.config.MappingReader.Item;
import io.ossgate.config.SelectionSettings.BreakerSettings;
import io.ossgate.config.UpstreamSettings.Scheme;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML configuration (see DESIGN.md "External contract") into a validated
 * {@link GatewayConfig}. The YAML is read as a tree and walked by hand, so that every message
 * starts with the key path ({@code sites[1].bucket: ...}) and states what was expected. All
 * problems are collected and thrown together in one {@link ConfigException}.
 *
 * <p>Strict: unknown keys anywhere are errors (a typo must not silently fall back to a default).
 * Absent keys take the defaults of {@link UpstreamSettings#defaults()},
 * {@link SelectionSettings#defaults()}, {@link ServerSettings#DEFAULT_HTTP} and
 * {@link AdminSettings#DEFAULT_LISTEN}; a site's {@code auth} defaults to {@code passthrough},
 * {@code preview} to {@code inline}, {@code domains} to none (the site then answers only on its
 * bucket's default domains), and {@code policy} to {@code selection.policy}.
 *
 * <p>Sites are read by {@link SitesReader}, TLS by {@link TlsSettingsReader}, credentials and
 * access by {@link AuthConfigReader}, browser features by {@link BrowserSettingsReader}.
 *
 * <p>Blocking ({@link #load} reads a file): call it at startup or on a worker thread, never on an
 * event loop.
 */
public final class ConfigLoader {

  static final List<String> ROOT_KEYS = List.of("server", "admin", "upstream", "selection", "sites",
      AuthConfigReader.ROOT_KEY);
  static final List<String> SERVER_KEYS = List.of("http", "https");
  static final List<String> ADMIN_KEYS = List.of("listen");
  static final List<String> UPSTREAM_KEYS = List.of("scheme", "connect-timeout", "first-byte-timeout",
      "idle-timeout", "dns-servers", "resolve", "ca-file");
  static final List<String> SELECTION_KEYS = List.of("policy", "decay", "hysteresis", "cost-tolerance",
      "probe-interval", "probe-timeout", "retry-budget", "replay-buffer", "resume-attempts", "breaker");
  static final List<String> BREAKER_KEYS = List.of("failure-rate", "minimum-calls", "window", "open-for",
      "ineligible-for");

  private final String sourceName;
  private final Problems problems = new Problems();

  private ConfigLoader(String sourceName) {
    this.sourceName = sourceName;
  }

  /** Reads and validates a UTF-8 YAML file. Blocking. */
  public static GatewayConfig load(Path file) {
    String name = file.toString();
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, List.of(name + ": file not found"));
    } catch (CharacterCodingException e) {
      throw new ConfigException(name, List.of(name + ": not valid UTF-8 text"));
    } catch (IOException e) {
      throw new ConfigException(name, List.of(name + ": cannot be read (" + e + ")"));
    }
    return parse(yaml, name);
  }

  /**
   * Parses and validates YAML text. {@code sourceName} names it in messages about the document as
   * a whole (syntax errors, an empty document).
   */
  public static GatewayConfig parse(String yaml, String sourceName) {
    return new ConfigLoader(sourceName).read(yaml);
  }

  private GatewayConfig read(String yaml) {
    JsonNode root = tree(yaml);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw fail(sourceName + ": the configuration is empty (expected: a mapping with at least 'sites')");
    }
    if (!root.isObject()) {
      throw fail(sourceName + ": expected a mapping with keys " + String.join(", ", ROOT_KEYS)
          + ", got " + MappingReader.describe(root));
    }
    MappingReader top = MappingReader.open(root, "", problems, ROOT_KEYS);
    MappingReader serverReader = top.mapping("server", SERVER_KEYS);
    HostPort http = listener(serverReader, "http", ServerSettings.DEFAULT_HTTP);
    Optional<HttpsSettings> https = TlsSettingsReader.https(serverReader);
    ServerSettings server = problems.build("server", () -> new ServerSettings(http, https));
    AdminSettings admin = problems.build("admin", () -> new AdminSettings(
        listener(top.mapping("admin", ADMIN_KEYS), "listen", AdminSettings.DEFAULT_LISTEN)));
    UpstreamSettings upstream = upstream(top.mapping("upstream", UPSTREAM_KEYS));
    SelectionSettings selection = selection(top.mapping("selection", SELECTION_KEYS));
    // A site may only redirect to HTTPS when there is a listener to redirect to.
    List<SiteSettings> sites = new SitesReader(problems, serverReader.has("https")).read(top);
    CredentialSources credentials = AuthConfigReader.credentials(top, problems);
    if (problems.count() > 0) {
      throw new ConfigException(sourceName, problems.lines());
    }
    return new GatewayConfig(server, admin, upstream, selection, sites, credentials);
  }

  private JsonNode tree(String yaml) {
    // Duplicate keys would otherwise silently keep the last value.
    YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    try {
      return mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw fail(syntaxError(e));
    }
  }

  /** {@code file:line:column: not valid YAML: problem}, without SnakeYAML's multi-line excerpts. */
  private String syntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark at = m.getProblemMark();
      String context = m.getContext() == null || m.getContextMark() == null ? ""
          : " (" + m.getContext() + " at line " + (m.getContextMark().getLine() + 1) + ")";
      return sourceName + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1) + ": not valid YAML: "
          + m.getProblem() + context;
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? sourceName : sourceName + ":" + at.getLineNr() + ":" + at.getColumnNr();
    String what = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().strip();
    return where + ": not valid YAML: " + what.replaceAll("\\s+", " ");
  }

  // ---- sections ---------------------------------------------------------------------------

  private UpstreamSettings upstream(MappingReader r) {
    UpstreamSettings d = UpstreamSettings.defaults();
    Scheme scheme = r.choice("scheme", d.scheme(), MappingReader.lowerCaseNames(Scheme.values()));
    Duration connect = duration(r, "connect-timeout", d.connectTimeout(), false);
    Duration firstByte = duration(r, "first-byte-timeout", d.firstByteTimeout(), false);
    Duration idle = duration(r, "idle-timeout", d.idleTimeout(), false);
    List<String> dns = new ArrayList<>();
    for (Item item : r.list("dns-servers", "IP addresses").orElse(List.of())) {
      MappingReader.scalar(item.node(), item.path(), "an IP address, optionally with :port", problems)
          .flatMap(text -> MappingReader.convert(text, item.path(), ConfigLoader::dnsServer, problems))
          .ifPresent(dns::add);
    }
    Map<String, HostPort> resolve = resolve(r);
    Optional<Path> caFile = TlsSettingsReader.caFile(r);
    return problems.build(r.path(), () -> new UpstreamSettings(scheme, connect, firstByte, idle, dns, resolve, caFile));
  }

  private Map<String, HostPort> resolve(MappingReader r) {
    Map<String, HostPort> pins = new LinkedHashMap<>();
    JsonNode node = r.raw("resolve");
    String path = r.path("resolve");
    if (node == null || node.isNull()) {
      return pins;
    }
    if (!node.isObject()) {
      problems.add(path, "expected a mapping of host: ip:port, got " + MappingReader.describe(node));
      return pins;
    }
    node.fields().forEachRemaining(entry -> {
      String host = entry.getKey().trim().toLowerCase(Locale.ROOT);
      String entryPath = path + "['" + entry.getKey() + "']";
      String hostProblem = Hostnames.hostnameProblem(host);
      if (hostProblem != null) {
        problems.add(entryPath, "'" + entry.getKey() + "' " + hostProblem);
        return;
      }
      if (pins.containsKey(host)) {
        problems.add(entryPath, "'" + host + "' is pinned twice (host names are case-insensitive)");
        return;
      }
      MappingReader.scalar(entry.getValue(), entryPath, "an address like 10.0.0.1:443", problems)
          .flatMap(text -> MappingReader.convert(text, entryPath, t -> address(t, false), problems))
          .ifPresent(target -> pins.put(host, target));
    });
    return pins;
  }

  private SelectionSettings selection(MappingReader r) {
    SelectionSettings d = SelectionSettings.defaults();
    SelectionPolicy policy = r.choice("policy", d.policy(), MappingReader.lowerCaseNames(SelectionPolicy.values()));
    Duration decay = duration(r, "decay", d.decay(), false);
    int hysteresis = percent(r, "hysteresis", d.hysteresisPercent(), 0, 1000);
    int costTolerance = percent(r, "cost-tolerance", d.costTolerancePercent(), 0, 1000);
    Duration probeInterval = duration(r, "probe-interval", d.probeInterval(), true);
    Duration probeTimeout = duration(r, "probe-timeout", d.probeTimeout(), false);
    int retryBudget = percent(r, "retry-budget", d.retryBudgetPercent(), 0, 1000);
    long replayBuffer = r.value("replay-buffer", d.replayBufferBytes(), Units.SIZE_EXPECTED, Units::parseSize);
    int resumeAttempts = integer(r, "resume-attempts", d.resumeAttempts(), 0, 10);
    BreakerSettings breaker = breaker(r.mapping("breaker", BREAKER_KEYS));
    return problems.build(r.path(), () -> new SelectionSettings(policy, decay, hysteresis, costTolerance,
        probeInterval, probeTimeout, breaker, retryBudget, replayBuffer, resumeAttempts));
  }

  private BreakerSettings breaker(MappingReader r) {
    BreakerSettings d = BreakerSettings.defaults();
    int failureRate = percent(r, "failure-rate", d.failureRatePercent(), 1, 100);
    int minimumCalls = integer(r, "minimum-calls", d.minimumCalls(), 1, 100_000);
    int window = integer(r, "window", d.windowSize(), 1, 100_000);
    if (window < minimumCalls) {
      problems.add(r.path("window"), window + " (expected: >= minimum-calls, " + minimumCalls + ")");
    }
    Duration openFor = duration(r, "open-for", d.openFor(), false);
    Duration ineligibleFor = duration(r, "ineligible-for", d.ineligibleFor(), false);
    return problems.build(r.path(), () -> new BreakerSettings(failureRate, minimumCalls, window, openFor, ineligibleFor));
  }

  // ---- values -----------------------------------------------------------------------------

  private HostPort listener(MappingReader r, String key, HostPort fallback) {
    return r.value(key, fallback, "an address like 0.0.0.0:8080", text -> address(text, true));
  }

  /** host:port where host is an IP literal or a host name; never looked up here. */
  static HostPort address(String text, boolean allowPortZero) {
    HostPort hp = HostPort.parse(text);
    String host = hp.host().toLowerCase(Locale.ROOT);
    if (!Hostnames.isIpLiteral(host) && Hostnames.hostnameProblem(host) != null) {
      throw new IllegalArgumentException("'" + text + "' has host '" + hp.host()
          + "' (expected: an IP address or a host name)");
    }
    if (hp.port() == 0 && !allowPortZero) {
      throw new IllegalArgumentException("'" + text + "' has port 0 (expected: 1..65535)");
    }
    return hp;
  }

  /** {@code ip}, {@code ip:port} or {@code [ipv6]:port}; returned trimmed, as written. */
  static String dnsServer(String text) {
    String s = text.trim();
    if (Hostnames.isIpLiteral(s)) {
      return s;
    }
    String expected = "'" + text + "' (expected: an IP address, optionally with :port, like 100.100.2.136 or [fd00::1]:53)";
    HostPort hp;
    try {
      hp = HostPort.parse(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(expected);
    }
    if (!Hostnames.isIpLiteral(hp.host()) || hp.port() == 0) {
      throw new IllegalArgumentException(expected);
    }
    return s;
  }

  private Duration duration(MappingReader r, String key, Duration fallback, boolean allowZero) {
    Duration d = r.value(key, fallback, Units.DURATION_EXPECTED, Units::parseDuration);
    if (!allowZero && d.isZero()) {
      problems.add(r.path(key), "'" + r.raw(key).asText() + "' (expected: a duration > 0, like 5s)");
      return fallback;
    }
    return d;
  }

  private int percent(MappingReader r, String key, int fallback, int min, int max) {
    int p = r.value(key, fallback, Units.PERCENT_EXPECTED, Units::parsePercent);
    if (p < min || p > max) {
      problems.add(r.path(key), "'" + r.raw(key).asText() + "' (expected: " + min + "%.." + max + "%)");
      return fallback;
    }
    return p;
  }

  private int integer(MappingReader r, String key, int fallback, int min, int max) {
    String expected = "a whole number " + min + ".." + max;
    int n = r.value(key, fallback, expected, text -> {
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' (expected: " + expected + ")");
      }
    });
    if (n < min || n > max) {
      problems.add(r.path(key), n + " (expected: " + expected + ")");
      return fallback;
    }
    return n;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private ConfigException fail(String line) {
    return new ConfigException(sourceName, List.of(line));
  }
}
