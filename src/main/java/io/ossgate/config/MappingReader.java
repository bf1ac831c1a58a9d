package io.ossgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one YAML mapping of the configuration. Knows its key path and its allowed keys; reports
 * unknown keys as soon as it is opened and every later mistake to {@link Problems}, then carries on
 * with the fallback value so that one run reports all problems at once.
 */
final class MappingReader {

  private final JsonNode node;
  private final String path;
  private final Problems problems;

  private MappingReader(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Opens {@code node} as a mapping with the given keys. A missing or null node reads as an empty
   * mapping (a section whose every line is commented out); any other non-mapping is a problem.
   */
  static MappingReader open(JsonNode node, String path, Problems problems, List<String> keys) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return new MappingReader(null, path, problems);
    }
    if (!node.isObject()) {
      problems.add(path, "expected a mapping with keys " + String.join(", ", keys) + ", got " + describe(node));
      return new MappingReader(null, path, problems);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        problems.add(join(path, name), "unknown key" + suggestion(name, keys)
            + " (expected one of: " + String.join(", ", keys) + ")");
      }
    }
    return new MappingReader(node, path, problems);
  }

  String path() {
    return path;
  }

  String path(String key) {
    return join(path, key);
  }

  Problems problems() {
    return problems;
  }

  /** The raw child, or null when the key is absent (or the mapping itself was unusable). */
  JsonNode raw(String key) {
    return node == null ? null : node.get(key);
  }

  boolean has(String key) {
    return raw(key) != null;
  }

  /** Opens a nested mapping. */
  MappingReader mapping(String key, List<String> keys) {
    return open(raw(key), path(key), problems, keys);
  }

  /**
   * A scalar child as text: empty when absent; a problem (and empty) when null or not a scalar.
   */
  Optional<String> text(String key, String expected) {
    JsonNode child = raw(key);
    if (child == null) {
      return Optional.empty();
    }
    return scalar(child, path(key), expected, problems);
  }

  /** A required scalar child: a problem when absent. */
  Optional<String> requiredText(String key, String expected) {
    if (!has(key)) {
      problems.add(path(key), "missing (expected: " + expected + ")");
      return Optional.empty();
    }
    return text(key, expected);
  }

  /**
   * A scalar child converted by {@code parser}; absent gives {@code fallback}. The parser's
   * {@link IllegalArgumentException} becomes a problem at this key, and the fallback is returned.
   */
  <T> T value(String key, T fallback, String expected, Function<String, T> parser) {
    Optional<String> text = text(key, expected);
    if (text.isEmpty()) {
      return fallback;
    }
    return convert(text.get(), path(key), parser, problems).orElse(fallback);
  }

  /** The names {@link #choice} accepts for an enum's constants: each constant's name in lower case. */
  static <E extends Enum<E>> Map<String, E> lowerCaseNames(E[] constants) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E constant : constants) {
      byName.put(constant.name().toLowerCase(Locale.ROOT), constant);
    }
    return byName;
  }

  /** One of a fixed set of names, case-insensitive. */
  <T> T choice(String key, T fallback, Map<String, T> byName) {
    String names = String.join(", ", byName.keySet());
    return value(key, fallback, "one of " + names, text -> {
      T found = byName.get(text.trim().toLowerCase(Locale.ROOT));
      if (found == null) {
        throw new IllegalArgumentException("'" + text + "' (expected one of: " + names + ")");
      }
      return found;
    });
  }

  /**
   * A list child: empty when absent; a problem (and empty) when null or not a list. Items come
   * with their paths.
   */
  Optional<List<Item>> list(String key, String expected) {
    JsonNode child = raw(key);
    if (child == null) {
      return Optional.empty();
    }
    if (!child.isArray()) {
      problems.add(path(key), "expected a list of " + expected + ", like [a, b], got " + describe(child));
      return Optional.empty();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      items.add(new Item(child.get(i), path(key) + "[" + i + "]"));
    }
    return Optional.of(items);
  }

  /** One list entry and its path, e.g. {@code sites[0].domains[1]}. */
  record Item(JsonNode node, String path) {}

  /** A scalar node as text, or a problem (and empty) for null, lists and mappings. */
  static Optional<String> scalar(JsonNode node, String path, String expected, Problems problems) {
    if (node.isNull()) {
      problems.add(path, "has no value (expected: " + expected + ")");
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      problems.add(path, "expected " + expected + ", got " + describe(node));
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  /** Runs {@code parser}, turning its {@link IllegalArgumentException} into a problem at {@code path}. */
  static <T> Optional<T> convert(String text, String path, Function<String, T> parser, Problems problems) {
    try {
      return Optional.of(parser.apply(text));
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      // Messages from the value types usually quote the value first; when one does not, add it
      // so the user sees what was read.
      problems.add(path, message.startsWith("'") ? message : "'" + text + "': " + message);
      return Optional.empty();
    }
  }

  static String describe(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isNull()) {
      return "no value";
    }
    return "'" + node.asText() + "'";
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String suggestion(String name, List<String> keys) {
    String wanted = squash(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String key : keys) {
      int d = squash(key).equals(wanted) ? 0 : distance(name.toLowerCase(Locale.ROOT), key);
      if (d < bestDistance) {
        best = key;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= 2 ? "; did you mean '" + best + "'?" : "";
  }

  /** connectTimeout, connect_timeout and connect-timeout all squash to connecttimeout. */
  private static String squash(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Levenshtein distance; keys are short, so the quadratic table is fine. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
