package io.ossgate.emulator;

/**
 * The outcome of a {@code Range} header against an object size, following OSS (oss-reference §7):
 * one range only; by default an invalid or unsatisfiable range is ignored (full object); with
 * {@code x-oss-range-behavior: standard} an end past the object is clamped and a start past it
 * gives 416.
 */
record RangeSpec(Kind kind, long start, long end) {

  enum Kind { FULL, PARTIAL, UNSATISFIABLE }

  static final RangeSpec FULL = new RangeSpec(Kind.FULL, 0, -1);
  static final RangeSpec UNSATISFIABLE = new RangeSpec(Kind.UNSATISFIABLE, 0, -1);

  long length() {
    return end - start + 1;
  }

  static RangeSpec parse(String header, long size, boolean standard) {
    if (header == null) {
      return FULL;
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
      return FULL;
    }
    String spec = h.substring(6).trim();
    if (spec.contains(",")) {
      return FULL; // multi-range: unsupported, like OSS
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return FULL;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    Long a = number(first);
    Long b = number(last);
    RangeSpec result;
    if (first.isEmpty()) {
      if (b == null || b == 0 || size == 0) {
        result = UNSATISFIABLE;
      } else if (b > size) {
        result = standard ? new RangeSpec(Kind.PARTIAL, 0, size - 1) : FULL;
      } else {
        result = new RangeSpec(Kind.PARTIAL, size - b, size - 1);
      }
    } else if (a == null || (!last.isEmpty() && (b == null || b < a))) {
      return FULL; // malformed
    } else if (a >= size) {
      result = UNSATISFIABLE;
    } else if (last.isEmpty()) {
      result = new RangeSpec(Kind.PARTIAL, a, size - 1);
    } else if (b >= size) {
      result = standard ? new RangeSpec(Kind.PARTIAL, a, size - 1) : FULL;
    } else {
      result = new RangeSpec(Kind.PARTIAL, a, b);
    }
    return result.kind == Kind.UNSATISFIABLE && !standard ? FULL : result;
  }

  private static Long number(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(s);
  }
}
