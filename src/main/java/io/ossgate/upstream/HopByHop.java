package io.ossgate.upstream;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never relayed; everything
 * else passes through untouched, because OSS signatures cover x-oss-*, Content-Type, Content-MD5
 * and any header a client lists in AdditionalHeaders.
 */
public final class HopByHop {

  private static final Set<String> NAMES = Set.of(
      "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade");

  private HopByHop() {}

  /** True when {@code name} must not cross the proxy, given the message's own Connection header. */
  public static boolean isHopByHop(String name, Set<String> listedInConnection) {
    String lower = name.toLowerCase(Locale.ROOT);
    return NAMES.contains(lower) || listedInConnection.contains(lower);
  }

  /** Header names listed in the {@code Connection} header ({@code Connection: close, X-Foo}). */
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

  /** Copies every end-to-end header from {@code from} to {@code to}, keeping repeated values. */
  public static void copyEndToEnd(MultiMap from, MultiMap to, Set<String> alsoSkip) {
    Set<String> listed = listedInConnection(from);
    for (var entry : from) {
      String name = entry.getKey();
      if (!isHopByHop(name, listed) && !alsoSkip.contains(name.toLowerCase(Locale.ROOT))) {
        to.add(name, entry.getValue());
      }
    }
  }
}
