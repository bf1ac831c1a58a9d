package io.ossgate.config;

import io.ossgate.config.MappingReader.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a site's browser keys ({@code index-document}, {@code error-document}, {@code cors}) into
 * {@link BrowserSettings}, reporting every mistake with its key path.
 */
final class BrowserSettingsReader {

  /** The site keys this reader owns. */
  static final List<String> SITE_KEYS = List.of("index-document", "error-document", "cors");
  static final List<String> CORS_KEYS = List.of("allowed-origins", "allowed-methods", "allowed-headers",
      "expose-headers", "max-age", "allow-credentials");

  /**
   * Object names are restricted to characters that need no percent-encoding in a URI path, so the
   * gateway can append them to the raw request path as they are.
   */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]{1,255}");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern ORIGIN = Pattern.compile(
      "(https?)://(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?");

  private BrowserSettingsReader() {}

  static BrowserSettings read(MappingReader site) {
    Optional<String> index = site.text("index-document", "an object name like index.html")
        .flatMap(t -> check(site, "index-document", t, false));
    Optional<String> error = site.text("error-document", "an object key like error.html")
        .flatMap(t -> check(site, "error-document", t, true));
    Optional<CorsSettings> cors = site.has("cors") ? cors(site) : Optional.empty();
    return new BrowserSettings(index, error, cors);
  }

  private static Optional<String> check(MappingReader r, String key, String text, boolean slashes) {
    String name = text.trim();
    String expected = slashes
        ? "an object key like error.html or errors/404.html: segments of letters, digits and ._~-"
            + " (no leading '/', no '.' or '..' segments)"
        : "an object name like index.html: letters, digits and ._~- without '/'";
    boolean ok = !name.isEmpty();
    for (String segment : name.split("/", -1)) {
      ok &= SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }
    if (!ok || (!slashes && name.contains("/"))) {
      r.problems().add(r.path(key), "'" + text + "' (expected: " + expected + ")");
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static Optional<CorsSettings> cors(MappingReader site) {
    MappingReader r = site.mapping("cors", CORS_KEYS);
    Problems problems = r.problems();
    int before = problems.count();
    if (site.raw("cors") == null || !site.raw("cors").isObject()) {
      if (site.raw("cors") != null && site.raw("cors").isNull()) {
        problems.add(r.path(), "has no value (expected: a mapping with keys " + String.join(", ", CORS_KEYS) + ")");
      }
      return Optional.empty();
    }
    List<String> origins = strings(r, "allowed-origins", "origins like https://app.example.com or *",
        BrowserSettingsReader::origin);
    if (!r.has("allowed-origins")) {
      problems.add(r.path("allowed-origins"), "missing (expected: a list of origins like [https://app.example.com], or [*])");
    } else if (origins.isEmpty() && problems.count() == before) {
      problems.add(r.path("allowed-origins"), "empty (expected: at least one origin, or *)");
    }
    List<String> methods = r.has("allowed-methods")
        ? strings(r, "allowed-methods", "methods from " + CorsSettings.KNOWN_METHODS, BrowserSettingsReader::method)
        : CorsSettings.DEFAULT_METHODS;
    if (r.has("allowed-methods") && methods.isEmpty() && problems.count() == before) {
      problems.add(r.path("allowed-methods"), "empty (expected: some of " + CorsSettings.KNOWN_METHODS + ")");
    }
    List<String> headers = strings(r, "allowed-headers", "header names like content-type, or *",
        t -> header(t, true).toLowerCase(Locale.ROOT));
    List<String> expose = strings(r, "expose-headers", "header names like ETag", t -> header(t, false));
    Optional<Duration> maxAge = Optional.ofNullable(r.value("max-age", null, Units.DURATION_EXPECTED, Units::parseDuration));
    Map<String, Boolean> bools = new LinkedHashMap<>();
    bools.put("true", true);
    bools.put("false", false);
    boolean credentials = r.choice("allow-credentials", false, bools);
    if (credentials && origins.contains("*")) {
      problems.add(r.path("allow-credentials"), "true with allowed-origins '*' (expected: explicit origins;"
          + " credentials for any origin would let every web site read what your users may read)");
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new CorsSettings(origins, methods, headers, expose, maxAge, credentials));
  }

  /** A list of scalars, each converted (and de-duplicated); problems carry the item's path. */
  private static List<String> strings(MappingReader r, String key, String expected,
      java.util.function.Function<String, String> convert) {
    List<String> out = new ArrayList<>();
    for (Item item : r.list(key, expected).orElse(List.of())) {
      MappingReader.scalar(item.node(), item.path(), expected, r.problems())
          .flatMap(t -> MappingReader.convert(t, item.path(), convert, r.problems()))
          .filter(v -> !out.contains(v))
          .ifPresent(out::add);
    }
    return out;
  }

  static String origin(String text) {
    String o = text.trim().toLowerCase(Locale.ROOT);
    if (o.equals("*")) {
      return o;
    }
    if (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    if (!ORIGIN.matcher(o).matches()) {
      throw new IllegalArgumentException("'" + text + "' (expected: *, an origin like https://app.example.com"
          + " or http://localhost:3000, or https://*.example.com; scheme and host only, no path)");
    }
    return o;
  }

  private static String method(String text) {
    String m = text.trim().toUpperCase(Locale.ROOT);
    if (!CorsSettings.KNOWN_METHODS.contains(m)) {
      throw new IllegalArgumentException("'" + text + "' (expected one of: " + String.join(", ", CorsSettings.KNOWN_METHODS) + ")");
    }
    return m;
  }

  private static String header(String text, boolean wildcard) {
    String h = text.trim();
    if ((wildcard && h.equals("*")) || (TOKEN.matcher(h).matches() && !h.equals("*"))) {
      return h;
    }
    throw new IllegalArgumentException("'" + text + "' (expected: a header name like "
        + (wildcard ? "content-type, or *" : "ETag") + ")");
  }
}
