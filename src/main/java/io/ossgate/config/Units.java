package io.ossgate.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the human units of the configuration file.
 *
 * <ul>
 *   <li>Durations: a whole number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or
 *       {@code d} ({@code 250ms}, {@code 5s}, {@code 1m}); a bare {@code 0}; or ISO-8601
 *       ({@code PT5S}). Never negative.
 *   <li>Sizes: plain bytes ({@code 512}, {@code 512B}); binary units {@code KiB}, {@code MiB},
 *       {@code GiB}, {@code TiB} (powers of 1024); decimal units {@code KB}, {@code MB}, {@code GB},
 *       {@code TB} (powers of 1000, as disk vendors and OSS billing count). Units are
 *       case-insensitive, so {@code 10mb} is 10,000,000 bytes and {@code 64kib} is 65,536.
 *   <li>Percentages: a whole number and {@code %} ({@code 10%}). A bare number is rejected: it is
 *       ambiguous whether {@code 0.1} means 10% or 0.1%.
 * </ul>
 *
 * <p>Every parse method throws {@link IllegalArgumentException} with a message of the shape
 * {@code 'text' (expected: ...)}, to which the loader prepends the key path.
 */
public final class Units {

  /** The expectation shown for a bad duration. */
  public static final String DURATION_EXPECTED = "a duration like 250ms, 5s, 1m";
  /** The expectation shown for a bad size. */
  public static final String SIZE_EXPECTED = "a size like 512, 64KiB, 1MiB, 10MB";
  /** The expectation shown for a bad percentage. */
  public static final String PERCENT_EXPECTED = "a percentage like 10%";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,18})\\s?(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s?([a-z]*)");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,9})\\s?%");

  private Units() {}

  /** Parses a duration; see the class comment for the accepted forms. */
  public static Duration parseDuration(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      try {
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } catch (ArithmeticException tooLong) {
        throw bad(text, DURATION_EXPECTED);
      }
    }
    if (s.length() > 1 && (s.charAt(0) == 'P' || s.charAt(0) == 'p')) {
      try {
        Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException notIso) {
        // fall through to the common message
      }
    }
    throw bad(text, DURATION_EXPECTED);
  }

  /** Parses a byte count; see the class comment for the accepted units. */
  public static long parseSize(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(text, SIZE_EXPECTED);
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2)) {
      case "", "b" -> 1L;
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      case "tib" -> 1L << 40;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      case "tb" -> 1_000_000_000_000L;
      default -> throw bad(text, SIZE_EXPECTED + "; units: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB");
    };
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException tooBig) {
      throw bad(text, SIZE_EXPECTED);
    }
  }

  /** Parses a whole percentage such as {@code 10%} and returns 10. */
  public static int parsePercent(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = PERCENT.matcher(text.trim());
    if (!m.matches()) {
      throw bad(text, PERCENT_EXPECTED);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Prints a duration in the largest unit that keeps it whole: {@code 250ms}, {@code 5s}, {@code 10m}. */
  public static String formatDuration(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
      return d.toString();
    }
    long ms = d.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + names[i];
      }
    }
    return ms + "ms";
  }

  /** Prints a byte count in the largest binary or decimal unit that keeps it whole: {@code 1MiB}, {@code 10MB}, {@code 512}. */
  public static String formatSize(long bytes) {
    if (bytes <= 0) {
      return Long.toString(bytes);
    }
    long[] sizes = {1L << 40, 1_000_000_000_000L, 1L << 30, 1_000_000_000L, 1L << 20, 1_000_000L,
        1L << 10, 1_000L};
    String[] names = {"TiB", "TB", "GiB", "GB", "MiB", "MB", "KiB", "KB"};
    for (int i = 0; i < sizes.length; i++) {
      if (bytes % sizes[i] == 0) {
        return bytes / sizes[i] + names[i];
      }
    }
    return Long.toString(bytes);
  }

  private static IllegalArgumentException bad(String text, String expected) {
    return new IllegalArgumentException("'" + text + "' (expected: " + expected + ")");
  }
}
