package io.ossgate.signing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The two date formats of OSS signing. */
final class SignDates {

  /** V4 {@code x-oss-date}: {@code 20231216T162057Z}. */
  static final DateTimeFormatter ISO_BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * HTTP date, always two-digit day ({@link DateTimeFormatter#RFC_1123_DATE_TIME} prints
   * {@code 1 Dec}, which HTTP forbids).
   */
  static final DateTimeFormatter HTTP =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private SignDates() {}

  static String isoBasic(Instant t) {
    return ISO_BASIC.format(t);
  }

  static String day(Instant t) {
    return DAY.format(t);
  }

  static String http(Instant t) {
    return HTTP.format(t);
  }

  /** Parses either format (V1 clients send HTTP dates in x-oss-date, V4 clients ISO basic). */
  static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      return Optional.of(Instant.from(ISO_BASIC.parse(v)));
    } catch (DateTimeParseException ignored) {
      // fall through to the HTTP format
    }
    try {
      return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(v)));
    } catch (DateTimeParseException ignored) {
      return Optional.empty();
    }
  }
}
