package io.ossgate.proxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the length a single {@code bytes=a-b} range asks for; -1 when it cannot tell. */
final class RangeHeader {
  private static final Pattern CLOSED = Pattern.compile("\\s*bytes\\s*=\\s*(\\d+)\\s*-\\s*(\\d+)\\s*");
  private static final Pattern SUFFIX = Pattern.compile("\\s*bytes\\s*=\\s*-\\s*(\\d+)\\s*");

  private RangeHeader() {}

  static long length(String header) {
    Matcher m = CLOSED.matcher(header);
    if (m.matches()) {
      try {
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        return to >= from ? to - from + 1 : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    m = SUFFIX.matcher(header);
    if (m.matches()) {
      try {
        return Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }
}
