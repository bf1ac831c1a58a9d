package io.ossgate.upstream;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.Iterator;
import java.util.Map;

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
  public static boolean isHopByHop(CharSequence name, CharSequence connection) {
    return isStandard(name) || (connection != null && listedIn(connection, name));
  }

  /** The hop-by-hop names every message has, whatever its Connection header lists. */
  private static boolean isStandard(CharSequence name) {
    return switch (name.length()) {
      case 2 -> is(name, "te");
      case 7 -> is(name, "trailer") || is(name, "upgrade");
      case 10 -> is(name, "connection") || is(name, "keep-alive");
      case 16 -> is(name, "proxy-connection");
      case 17 -> is(name, "transfer-encoding");
      case 18 -> is(name, "proxy-authenticate");
      case 19 -> is(name, "proxy-authorization");
      default -> false;
    };
  }

  private static boolean is(CharSequence name, String lowerCase) {
    return AsciiString.contentEqualsIgnoreCase(name, lowerCase);
  }

  /** True when the comma-separated {@code list} ({@code close, X-Foo}) names {@code name}, ignoring case. */
  static boolean listedIn(CharSequence list, CharSequence name) {
    int n = list.length();
    int i = 0;
    while (i < n) {
      int end = AsciiString.indexOf(list, ',', i);
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
      if (stop - start == name.length() && AsciiString.regionMatches(list, true, start, name, 0, name.length())) {
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
   * <p>Vert.x's and Netty's header maps are walked as they store their entries, so a name or
   * value decoded as an {@code AsciiString} is copied as one: walking them as a {@code MultiMap}
   * would make two Strings of every header of every response.
   *
   * @param alsoSkip further names to leave out (compared ignoring case)
   */
  public static void copyEndToEnd(MultiMap from, MultiMap to, String... alsoSkip) {
    if (from instanceof HttpHeaders stored) {
      CharSequence connection = connectionList(stored.iteratorCharSequence());
      for (Iterator<Map.Entry<CharSequence, CharSequence>> it = stored.iteratorCharSequence(); it.hasNext(); ) {
        Map.Entry<CharSequence, CharSequence> header = it.next();
        copyIfEndToEnd(header.getKey(), header.getValue(), connection, to, alsoSkip);
      }
    } else {
      CharSequence connection = connectionList(from.iterator());
      for (Map.Entry<String, String> header : from) {
        copyIfEndToEnd(header.getKey(), header.getValue(), connection, to, alsoSkip);
      }
    }
  }

  private static void copyIfEndToEnd(CharSequence name, CharSequence value, CharSequence connection, MultiMap to,
      String[] alsoSkip) {
    if (!isHopByHop(name, connection) && !skipped(name, alsoSkip)) {
      to.add(name, value);
    }
  }

  /** The names the Connection header(s) list, joined with commas; null when there is none. */
  private static CharSequence connectionList(Iterator<? extends Map.Entry<? extends CharSequence, ? extends CharSequence>> headers) {
    CharSequence list = null;
    while (headers.hasNext()) {
      Map.Entry<? extends CharSequence, ? extends CharSequence> header = headers.next();
      if (is(header.getKey(), "connection")) {
        // One Connection header is the rule; a repeated one is rare enough to join.
        list = list == null ? header.getValue() : list + "," + header.getValue();
      }
    }
    return list;
  }

  private static boolean skipped(CharSequence name, String[] alsoSkip) {
    for (String skip : alsoSkip) {
      if (AsciiString.contentEqualsIgnoreCase(skip, name)) {
        return true;
      }
    }
    return false;
  }
}
