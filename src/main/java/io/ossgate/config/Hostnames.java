package io.ossgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Syntax checks for host names and IP literals. Pure string checks: nothing here resolves a name
 * (an {@link InetAddress} is only built from a string already known to be an IPv6 literal, which
 * the JDK parses without a lookup).
 */
final class Hostnames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private Hostnames() {}

  /**
   * Why {@code host} (already lowercased) is not a DNS host name, or null when it is one: labels
   * of letters, digits and inner '-', 1–63 characters each, 253 in all.
   */
  static String hostnameProblem(String host) {
    if (host.isEmpty()) {
      return "is empty (expected: a host name like static.example.com)";
    }
    if (host.contains("*")) {
      return "is a wildcard (expected: an exact host name; wildcards are not supported)";
    }
    if (host.contains("://") || host.contains("/")) {
      return "is not a host name (expected: a host name without scheme or path, like static.example.com)";
    }
    if (host.contains(":")) {
      return "is not a host name (expected: a host name without port, like static.example.com)";
    }
    if (host.length() > 253) {
      return "is longer than 253 characters (expected: a host name)";
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return "is not a valid host name: label '" + label
            + "' (expected: 1-63 letters, digits and '-', not starting or ending with '-')";
      }
    }
    return null;
  }

  /** True for a dotted-quad IPv4 literal or an IPv6 literal (without brackets or zone). */
  static boolean isIpLiteral(String text) {
    if (IPV4.matcher(text).matches()) {
      return true;
    }
    if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
      return false;
    }
    try {
      // A string containing ':' is parsed as an IPv6 literal, never looked up.
      InetAddress.getByName(text);
      return true;
    } catch (UnknownHostException notALiteral) {
      return false;
    }
  }
}
