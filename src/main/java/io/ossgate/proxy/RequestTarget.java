package io.ossgate.proxy;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * The host a request is for and the request-target to forward. Clients that use ossgate as their
 * HTTP proxy send the absolute form ({@code GET http://bucket.oss-r.aliyuncs.com/key}); everyone
 * else sends the origin form with a Host header. The path and query are kept byte for byte:
 * signatures cover them.
 *
 * @param host the authority to look the site up by (may include a port)
 * @param uri path and query exactly as received, always starting with '/'
 * @param absoluteForm true when the client used the proxy (absolute) form
 */
public record RequestTarget(String host, String uri, boolean absoluteForm) {

  public static RequestTarget of(HttpServerRequest in) {
    String raw = in.uri();
    String lower = raw.length() >= 8 ? raw.substring(0, 8).toLowerCase(Locale.ROOT) : raw.toLowerCase(Locale.ROOT);
    int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (schemeEnd > 0) {
      int slash = indexOfAny(raw, schemeEnd);
      String authority = slash < 0 ? raw.substring(schemeEnd) : raw.substring(schemeEnd, slash);
      String rest = slash < 0 ? "/" : raw.substring(slash);
      if (rest.startsWith("?")) {
        rest = "/" + rest;
      }
      int at = authority.lastIndexOf('@');
      return new RequestTarget(at >= 0 ? authority.substring(at + 1) : authority, rest, true);
    }
    String host = in.headers().get("host");
    if (host == null && in.authority() != null) {
      // HTTP/2 carries the host in the :authority pseudo-header; a Host header, if sent, wins above.
      host = in.authority().toString();
    }
    return new RequestTarget(host == null ? "" : host, raw, false);
  }

  private static int indexOfAny(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?') {
        return i;
      }
    }
    return -1;
  }
}
