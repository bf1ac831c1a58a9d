package io.ossgate.signing;

import java.util.ArrayList;
import java.util.List;

/** Parses a raw (on-the-wire) query string into decoded parameters, and renders them back. */
public final class QueryStrings {

  private QueryStrings() {}

  /**
   * Splits on {@code &}, then on the first {@code =}; names and values are decoded. A part without
   * {@code =} is a bare name (value {@code null}). Empty parts are skipped. {@code null} or empty
   * input gives an empty list. Order is kept.
   */
  public static List<QueryParam> parse(String rawQuery) {
    List<QueryParam> out = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (end > start) {
        String part = rawQuery.substring(start, end);
        int eq = part.indexOf('=');
        if (eq < 0) {
          out.add(QueryParam.flag(UriEncoding.decodeQuery(part)));
        } else {
          out.add(QueryParam.of(UriEncoding.decodeQuery(part.substring(0, eq)),
              UriEncoding.decodeQuery(part.substring(eq + 1))));
        }
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return out;
  }

  /**
   * Renders parameters as a raw query string (no leading {@code ?}), each name and value encoded
   * with {@link UriEncoding#encode}; a {@code null} value gives the bare name.
   */
  public static String render(List<QueryParam> params) {
    StringBuilder sb = new StringBuilder();
    for (QueryParam p : params) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(UriEncoding.encode(p.name()));
      if (p.value() != null) {
        sb.append('=').append(UriEncoding.encode(p.value()));
      }
    }
    return sb.toString();
  }
}
