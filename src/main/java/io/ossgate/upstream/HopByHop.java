package io.ossgate.upstream;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never relayed; everything
 * else passes through untouched, because OSS signatures cover x-oss-*, Content-Type, Content-MD5
 * and any header a client lists in AdditionalHeaders.
 *
 * <p>Runs for every header of every request and response, so the common case allocates nothing:
 * names are compared ignoring case instead of being lower-cased.
 */
public final class HopByHop {

  private HopByHop() {}

  /** True when {@code name} must not cross the proxy, given the message's own Connection header. */
  public static boolean isHopByHop(String name, Set<String> listedInConnection) {
    return isStandard(name) || (!listedInConnection.isEmpty() && listedInConnection.contains(name.toLowerCase(Locale.ROOT)));
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

  /** Header names listed in the {@code Connection} header ({@code Connection: close, X-Foo}), lower case. */
  public static Set<String> listedInConnection(MultiMap headers) {
    String connection = headers.get("connection");
    if (connection == null || connection.isEmpty()) {
      return Set.of();
    }
    java.util.HashSet<String> names = new java.util.HashSet<>();
    for (String token : connection.split(",")) {
      String t = token.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        names.add(t);
      }
    }
    return names;
  }

  /**
   * Copies every end-to-end header from {@code from} to {@code to}, keeping repeated values.
   *
   * @param alsoSkip further names to leave out, lower case
   */
  public static void copyEndToEnd(MultiMap from, MultiMap to, Set<String> alsoSkip) {
    Set<String> listed = listedInConnection(from);
    for (var entry : from) {
      String name = entry.getKey();
      if (!isHopByHop(name, listed) && !skipped(name, alsoSkip)) {
        to.add(name, entry.getValue());
      }
    }
  }

  private static boolean skipped(String name, Set<String> alsoSkip) {
    for (String skip : alsoSkip) {
      if (skip.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
