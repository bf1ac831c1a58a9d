package io.ossgate.config;

import java.util.Objects;

/** A listen or connect address: {@code host:port}, with IPv6 hosts written {@code [::1]:8080}. */
public record HostPort(String host, int port) {

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host is empty (expected: host:port)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
    }
  }

  /** Parses {@code host:port}, {@code [v6]:port}. Port 0 means "any free port". */
  public static HostPort parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.trim();
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("'" + text + "' (expected: [ipv6]:port)");
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || s.indexOf(':') != colon) {
        throw new IllegalArgumentException("'" + text + "' (expected: host:port, or [ipv6]:port)");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    try {
      return new HostPort(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has port '" + port + "' (expected: 0..65535)");
    }
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
