package io.ossgate.proxy;

import io.vertx.core.MultiMap;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a broken download continues: the absolute byte range still owed to the client and the
 * ETag that pins the object version. A continuation is accepted only when it is a 206 for exactly
 * that range of the same ETag, so two versions are never spliced. Pure and immutable.
 *
 * @param next first absolute offset not yet sent to the client
 * @param last last absolute offset the client is owed (inclusive)
 * @param total object size from the first response
 * @param etag the first response's ETag, sent back as If-Match
 */
record ResumePlan(long next, long last, long total, String etag) {

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  /**
   * The plan for a committed response, before any body byte was sent; empty when the response
   * cannot be resumed (not 200/206, no ETag, unknown length).
   */
  static Optional<ResumePlan> forResponse(int status, MultiMap headers) {
    String etag = headers.get("etag");
    if (etag == null || etag.isBlank() || etag.startsWith("W/")) {
      return Optional.empty();
    }
    if (status == 200) {
      long length = parseLong(headers.get("content-length"));
      return length > 0 ? Optional.of(new ResumePlan(0, length - 1, length, etag)) : Optional.empty();
    }
    if (status == 206) {
      Matcher m = CONTENT_RANGE.matcher(String.valueOf(headers.get("content-range")));
      if (!m.matches() || m.group(3).equals("*")) {
        return Optional.empty();
      }
      return Optional.of(new ResumePlan(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)), etag));
    }
    return Optional.empty();
  }

  /** The plan after {@code bytes} more bytes reached the client. */
  ResumePlan advance(long bytes) {
    return new ResumePlan(next + bytes, last, total, etag);
  }

  boolean complete() {
    return next > last;
  }

  long remaining() {
    return last - next + 1;
  }

  String rangeHeader() {
    return "bytes=" + next + "-" + last;
  }

  /** True when a continuation response carries exactly the owed range of the same object. */
  boolean accepts(int status, MultiMap headers) {
    if (status != 206 || !etag.equals(headers.get("etag"))) {
      return false;
    }
    Matcher m = CONTENT_RANGE.matcher(String.valueOf(headers.get("content-range")));
    return m.matches()
        && Long.parseLong(m.group(1)) == next
        && Long.parseLong(m.group(2)) == last
        && (m.group(3).equals("*") || Long.parseLong(m.group(3)) == total);
  }

  private static long parseLong(String s) {
    if (s == null) {
      return -1;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
