package io.ossgate.config;

import io.ossgate.config.MappingReader.Item;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code sites[]}: each site's own keys, and the rules across sites (unique names, each
 * domain on one site, one region per bucket). Problems go to the shared {@link Problems} with
 * their key paths; a site with any problem is left out (the loader then fails as a whole).
 */
final class SitesReader {

  static final List<String> SITE_KEYS = List.of("name", "domains", "bucket", "region", "endpoints", "auth",
      "preview", "policy", "https-redirect", "methods", "bound-domain", "index-document", "error-document", "cors");

  private static final String OSS_DOMAIN_SUFFIX = ".aliyuncs.com";
  private static final Pattern SITE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private final Problems problems;
  private final boolean httpsConfigured;

  /**
   * @param httpsConfigured whether {@code server.https} is set: a site may only redirect to HTTPS
   *     when there is a listener
   */
  SitesReader(Problems problems, boolean httpsConfigured) {
    this.problems = problems;
    this.httpsConfigured = httpsConfigured;
  }

  List<SiteSettings> read(MappingReader top) {
    if (!top.has("sites")) {
      problems.add("sites", "missing (expected: a list with at least one site)");
      return List.of();
    }
    List<Item> items = top.list("sites", "sites").orElse(null);
    if (items == null) {
      return List.of();
    }
    if (items.isEmpty()) {
      problems.add("sites", "empty (expected: at least one site)");
    }
    SiteChecks checks = new SiteChecks();
    List<SiteSettings> sites = new ArrayList<>();
    for (Item item : items) {
      site(item, checks).ifPresent(sites::add);
    }
    return sites;
  }

  /** Cross-site uniqueness: first path that claimed each name, domain and bucket. */
  private static final class SiteChecks {
    final Map<String, String> names = new HashMap<>();
    final Map<String, String> domains = new HashMap<>();
    final Map<String, RegionAt> buckets = new HashMap<>();
  }

  private record RegionAt(RegionId region, String path) {}

  private Optional<SiteSettings> site(Item item, SiteChecks checks) {
    if (item.node().isNull()) {
      problems.add(item.path(), "has no value (expected: a site, a mapping with keys " + String.join(", ", SITE_KEYS) + ")");
      return Optional.empty();
    }
    int before = problems.count();
    MappingReader r = MappingReader.open(item.node(), item.path(), problems, SITE_KEYS);
    if (!item.node().isObject()) {
      return Optional.empty(); // open() reported it
    }
    String name = r.requiredText("name", "a site name like static").map(n -> siteName(r, n, checks)).orElse(null);
    List<String> domains = domains(r, checks);
    BucketName bucket = r.requiredText("bucket", "a bucket name like example-bucket")
        .flatMap(t -> MappingReader.convert(t, r.path("bucket"), BucketName::of, problems)).orElse(null);
    RegionId region = r.requiredText("region", "a region id like ap-southeast-1")
        .flatMap(t -> MappingReader.convert(t, r.path("region"), RegionId::of, problems)).orElse(null);
    if (bucket != null && region != null) {
      RegionAt first = checks.buckets.putIfAbsent(bucket.value(), new RegionAt(region, r.path("region")));
      if (first != null && !first.region().equals(region)) {
        problems.add(r.path("region"), "'" + region + "', but bucket '" + bucket + "' is in '" + first.region()
            + "' at " + first.path() + " (expected: one region per bucket; bucket names are global)");
      }
    }
    List<EndpointType> endpoints = endpoints(r);
    AuthMode auth = r.choice("auth", AuthMode.PASSTHROUGH, MappingReader.lowerCaseNames(AuthMode.values()));
    PreviewMode preview = r.choice("preview", PreviewMode.INLINE, MappingReader.lowerCaseNames(PreviewMode.values()));
    Optional<SelectionPolicy> policy = Optional.ofNullable(r.choice("policy", null, MappingReader.lowerCaseNames(SelectionPolicy.values())));
    boolean httpsRedirect = TlsSettingsReader.httpsRedirect(r);
    if (httpsRedirect && !httpsConfigured) {
      problems.add(r.path("https-redirect"), "true, but server.https is not configured (expected: an https listener to redirect to)");
    }
    SiteAccess access = AuthConfigReader.access(r, auth, problems);
    BrowserSettings browser = BrowserSettingsReader.read(r);
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.ofNullable(problems.build(r.path(),
        () -> new SiteSettings(name, domains, bucket, region, endpoints, auth, preview, policy, httpsRedirect, access,
            browser)));
  }

  private String siteName(MappingReader r, String name, SiteChecks checks) {
    String path = r.path("name");
    if (!SITE_NAME.matcher(name).matches()) {
      problems.add(path, "'" + name + "' (expected: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit)");
      return null;
    }
    String first = checks.names.putIfAbsent(name, path);
    if (first != null) {
      problems.add(path, "'" + name + "' is already the name of " + first + " (expected: unique site names)");
    }
    return name;
  }

  private List<String> domains(MappingReader r, SiteChecks checks) {
    List<String> domains = new ArrayList<>();
    for (Item item : r.list("domains", "host names").orElse(List.of())) {
      Optional<String> text = MappingReader.scalar(item.node(), item.path(), "a host name like static.example.com", problems);
      if (text.isEmpty()) {
        continue;
      }
      String host = text.get().trim().toLowerCase(Locale.ROOT);
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      String problem = Hostnames.hostnameProblem(host);
      if (problem != null) {
        problems.add(item.path(), "'" + text.get() + "' " + problem);
        continue;
      }
      if (host.endsWith(OSS_DOMAIN_SUFFIX) || host.equals(OSS_DOMAIN_SUFFIX.substring(1))) {
        problems.add(item.path(), "'" + host + "' is an OSS default domain (expected: your own domains only;"
            + " the bucket's default domains are matched automatically)");
        continue;
      }
      String first = checks.domains.putIfAbsent(host, item.path());
      if (first != null) {
        problems.add(item.path(), "'" + host + "' is already claimed by " + first
            + " (expected: each domain on one site, listed once)");
        continue;
      }
      domains.add(host);
    }
    return domains;
  }

  private List<EndpointType> endpoints(MappingReader r) {
    String expected = "endpoint types, from " + EndpointType.allConfigNames();
    if (!r.has("endpoints")) {
      problems.add(r.path("endpoints"), "missing (expected: a list of " + expected + ", like [internal, internet])");
      return List.of();
    }
    List<Item> items = r.list("endpoints", expected).orElse(null);
    if (items == null) {
      return List.of();
    }
    if (items.isEmpty()) {
      problems.add(r.path("endpoints"), "empty (expected: at least one of " + EndpointType.allConfigNames() + ")");
    }
    Map<EndpointType, String> seen = new LinkedHashMap<>();
    for (Item item : items) {
      Optional<String> text = MappingReader.scalar(item.node(), item.path(), "one of " + EndpointType.allConfigNames(), problems);
      if (text.isEmpty()) {
        continue;
      }
      Optional<EndpointType> type = EndpointType.fromConfigName(text.get().trim());
      if (type.isEmpty()) {
        problems.add(item.path(), "'" + text.get() + "' is not an endpoint type (expected one of: "
            + EndpointType.allConfigNames() + ")");
        continue;
      }
      String first = seen.putIfAbsent(type.get(), item.path());
      if (first != null) {
        problems.add(item.path(), "'" + type.get() + "' is already listed at " + first + " (expected: each type once)");
      }
    }
    return List.copyOf(seen.keySet());
  }
}
