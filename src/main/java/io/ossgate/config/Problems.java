package io.ossgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects configuration problems, each as {@code key.path: what is wrong (expected: ...)}. */
final class Problems {

  /** How a record's compact constructor words a rule it enforces: {@code probeTimeout: must be ...}. */
  private static final Pattern RECORD_MESSAGE = Pattern.compile("([a-z][A-Za-z]*): (.*)", Pattern.DOTALL);

  private final List<String> lines = new ArrayList<>();

  void add(String path, String message) {
    lines.add(path + ": " + message);
  }

  /** How many problems so far; compare before and after reading a part to know whether it failed. */
  int count() {
    return lines.size();
  }

  /**
   * Runs a record constructor. The values were checked key by key already; this is the safety net
   * that still puts a key path on any rule a record enforces that the readers did not check. On a
   * problem it returns null; the loader throws before anything uses it.
   */
  <T> T build(String sectionPath, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      String message = String.valueOf(e.getMessage());
      Matcher m = RECORD_MESSAGE.matcher(message);
      if (m.matches()) {
        // Records name fields in camelCase ("probeTimeout: ..."); the file says probe-timeout.
        add(MappingReader.join(sectionPath, kebab(m.group(1))), m.group(2));
      } else {
        add(sectionPath, message);
      }
      return null;
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
