package io.ossgate.proxy.browser;

import io.ossgate.config.CorsSettings;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The CORS decisions of one site ({@code sites[].cors}), as pure functions of the request's
 * {@code Origin}, method and requested headers. Immutable and thread-safe.
 *
 * <p>When a site has CORS rules, the gateway owns CORS for it: {@code Access-Control-*} headers
 * from OSS (the bucket's own CORS rules) are dropped, every response gets {@code Vary: Origin}
 * (a shared cache must not give one origin's answer to another), and an allowed origin is echoed
 * back rather than answered with {@code *}.
 */
public final class CorsRules {

  static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
  static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
  static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
  static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
  static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
  static final String MAX_AGE = "Access-Control-Max-Age";
  static final String REQUEST_METHOD = "Access-Control-Request-Method";
  static final String REQUEST_HEADERS = "Access-Control-Request-Headers";

  private final CorsSettings settings;

  public CorsRules(CorsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The outcome of a preflight: the headers to answer 204 with, or why it is refused. */
  public sealed interface Preflight {
    /** Allowed: answer 204 with these headers. */
    record Allowed(MultiMap headers) implements Preflight {}

    /** Refused: answer 403 {@code AccessForbidden}; {@code reason} names what did not match. */
    record Refused(String reason) implements Preflight {}
  }

  /** True for {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
  public static boolean isPreflight(String method, MultiMap requestHeaders) {
    return "OPTIONS".equals(method) && requestHeaders.contains("Origin") && requestHeaders.contains(REQUEST_METHOD);
  }

  /** Decides a preflight from its {@code Origin}, {@code Access-Control-Request-Method} and -Headers. */
  public Preflight preflight(String origin, String requestMethod, String requestHeaders) {
    if (!originAllowed(origin)) {
      return new Preflight.Refused("origin '" + origin + "' is not in allowed-origins");
    }
    String method = requestMethod == null ? "" : requestMethod.trim();
    if (!settings.allowedMethods().contains(method)) {
      return new Preflight.Refused("method '" + method + "' is not in allowed-methods "
          + settings.allowedMethods());
    }
    List<String> asked = headerList(requestHeaders);
    if (!settings.allowedHeaders().contains("*")) {
      for (String h : asked) {
        if (!settings.allowedHeaders().contains(h)) {
          return new Preflight.Refused("request header '" + h + "' is not in allowed-headers "
              + settings.allowedHeaders());
        }
      }
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set(ALLOW_ORIGIN, origin);
    headers.set(ALLOW_METHODS, String.join(", ", settings.allowedMethods()));
    if (!asked.isEmpty()) {
      headers.set(ALLOW_HEADERS, String.join(", ", asked));
    }
    settings.maxAge().ifPresent(d -> headers.set(MAX_AGE, Long.toString(d.toSeconds())));
    if (settings.allowCredentials()) {
      headers.set(ALLOW_CREDENTIALS, "true");
    }
    headers.set("Vary", "Origin, " + REQUEST_METHOD + ", " + REQUEST_HEADERS);
    return new Preflight.Allowed(headers);
  }

  /**
   * Adjusts the headers of any response (relayed or made by the gateway) to a request with
   * {@code origin} (null when the request had none) and {@code method}.
   */
  public void applyToResponse(String origin, String method, MultiMap headers) {
    List<String> upstreamCors = new ArrayList<>();
    headers.names().forEach(name -> {
      if (name.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
        upstreamCors.add(name);
      }
    });
    upstreamCors.forEach(headers::remove);
    addVary(headers, "Origin");
    if (origin == null || !originAllowed(origin) || !settings.allowedMethods().contains(method)) {
      return;
    }
    headers.set(ALLOW_ORIGIN, origin);
    if (settings.allowCredentials()) {
      headers.set(ALLOW_CREDENTIALS, "true");
    }
    if (!settings.exposeHeaders().isEmpty()) {
      headers.set(EXPOSE_HEADERS, String.join(", ", settings.exposeHeaders()));
    }
  }

  /**
   * True when {@code origin} matches {@code allowed-origins}: {@code *}, an exact origin (scheme,
   * host and port, case-insensitive), or {@code scheme://*.domain[:port]} for any subdomain depth.
   */
  public boolean originAllowed(String origin) {
    if (origin == null) {
      return false;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    for (String allowed : settings.allowedOrigins()) {
      if (allowed.equals("*") || allowed.equals(o)) {
        return true;
      }
      if (wildcardMatch(allowed, o)) {
        return true;
      }
    }
    return false;
  }

  /** {@code scheme://*.domain[:port]}: one or more labels before the domain, same scheme and port. */
  private static boolean wildcardMatch(String allowed, String origin) {
    int sep = allowed.indexOf("://*.");
    int originSep = origin.indexOf("://");
    if (sep < 0 || originSep < 0 || !origin.substring(0, originSep).equals(allowed.substring(0, sep))) {
      return false;
    }
    String domain = allowed.substring(sep + 5);
    String hostPort = origin.substring(originSep + 3);
    if (!hostPort.endsWith("." + domain)) {
      return false;
    }
    String labels = hostPort.substring(0, hostPort.length() - domain.length() - 1);
    return !labels.isEmpty() && labels.chars().noneMatch(c -> c == ':' || c == '/' || c == '@');
  }

  private static List<String> headerList(String value) {
    List<String> names = new ArrayList<>();
    if (value == null) {
      return names;
    }
    for (String part : value.split(",")) {
      String h = part.trim().toLowerCase(Locale.ROOT);
      if (!h.isEmpty() && !names.contains(h)) {
        names.add(h);
      }
    }
    return names;
  }

  private static void addVary(MultiMap headers, String name) {
    List<String> values = new ArrayList<>();
    for (String v : headers.getAll("Vary")) {
      for (String part : v.split(",")) {
        String p = part.trim();
        if (p.equals("*")) {
          return; // varies on everything already
        }
        if (!p.isEmpty() && values.stream().noneMatch(p::equalsIgnoreCase)) {
          values.add(p);
        }
      }
    }
    if (values.stream().noneMatch(name::equalsIgnoreCase)) {
      values.add(name);
    }
    headers.set("Vary", String.join(", ", values));
  }
}
