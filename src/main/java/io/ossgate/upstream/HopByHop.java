package io.ossgate.upstream;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never relayed; everything
 * else passes through untouched, because OSS signatures cover x-oss-*, Content-Type, Content-MD5
 * and any header a client lists in AdditionalHeaders.
 *
 * <p>Runs for every header of every request and response, so the check of a header allocates
 * nothing: names are compared ignoring case, and the Connection header's list is scanned in place
 * rather than split into a set (keep-alive upstreams send {@code Connection: keep-alive} on every
 * response, which used to lower-case every header name of every response).
 */
public final class HopByHop {

  private HopByHop() {}

  /**
   * True when {@code name} must not cross the proxy.
   *
   * @param connection the message's own Connection header value (the names it lists are
   *     hop-by-hop too), or null
   */
  public static boolean isHopByHop(String name, String connection) {
    return isStandard(name) || (connection != null && listedIn(connection, name));
  }

  /** The hop-by-hop names every message has, whatever its Connection header lists. */
  private static boolean isStandard(String name) {
    return switch (name.length()) {
      case 2 -> name.equalsIgnoreCase("te");
      case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
      case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 16 -> name.equalsIgnoreCase("proxy-connection");
      case 17 -> name.equalsIgnoreCase("transfer-encoding");
      case 18 -> name.equalsIgnoreCase("proxy-authenticate");
      case 19 -> name.equalsIgnoreCase("proxy-authorization");
      default -> false;
    };
  }

  /** True when the comma-separated {@code list} ({@code close, X-Foo}) names {@code name}, ignoring case. */
  static boolean listedIn(String list, String name) {
    int n = list.length();
    int i = 0;
    while (i < n) {
      int end = list.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int start = i;
      while (start < end && isSpace(list.charAt(start))) {
        start++;
      }
      int stop = end;
      while (stop > start && isSpace(list.charAt(stop - 1))) {
        stop--;
      }
      if (stop - start == name.length() && list.regionMatches(true, start, name, 0, name.length())) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Copies every end-to-end header from {@code from} to {@code to}, keeping repeated values.
   *
   * @param alsoSkip further names to leave out (compared ignoring case)
   */
  public static void copyEndToEnd(MultiMap from, MultiMap to, String... alsoSkip) {
    String connection = connectionList(from);
    // forEach, not the iterator: Vert.x's iterator wraps every entry in an object of its own.
    from.forEach((name, value) -> {
      if (!isHopByHop(name, connection) && !skipped(name, alsoSkip)) {
        to.add(name, value);
      }
    });
  }

  /** The names the Connection header(s) list, joined with commas; null when there is none. */
  private static String connectionList(MultiMap headers) {
    String first = headers.get("connection");
    if (first == null) {
      return null;
    }
    List<String> all = headers.getAll("connection");
    return all.size() > 1 ? String.join(",", all) : first;
  }

  private static boolean skipped(String name, String[] alsoSkip) {
    for (String skip : alsoSkip) {
      if (skip.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
