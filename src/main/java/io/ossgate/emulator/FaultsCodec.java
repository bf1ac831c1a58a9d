package io.ossgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * {@link Faults} as a JSON/YAML object, shared by the config file and the control API. Keys:
 * {@code latency}, {@code bandwidth}, {@code refuse-connections}, {@code reset-after-bytes},
 * {@code error-rate-percent}, {@code error-status}, {@code stall}, {@code stall-after-bytes}.
 * Missing keys keep the base value, so the same code serves full replacement and patches.
 */
final class FaultsCodec {

  static final Set<String> KEYS = Set.of("latency", "bandwidth", "refuse-connections", "reset-after-bytes",
      "error-rate-percent", "error-status", "stall", "stall-after-bytes");

  private FaultsCodec() {}

  /** Reads {@code node} over {@code base}; errors name {@code path} and the key. */
  static Faults read(JsonNode node, String path, Faults base) {
    if (node == null || node.isNull()) {
      return base;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(path + ": expected an object of faults");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(path + "." + key + ": unknown key (expected one of " + String.join(", ",
            new java.util.TreeSet<>(KEYS)) + ")");
      }
    }
    Faults f = base;
    try {
      if (node.has("latency")) {
        f = f.withLatency(duration(node, path, "latency"));
      }
      if (node.has("bandwidth")) {
        f = f.withBandwidth(size(node, path, "bandwidth"));
      }
      if (node.has("refuse-connections")) {
        f = f.withRefuseConnections(bool(node, path, "refuse-connections"));
      }
      if (node.has("reset-after-bytes")) {
        f = f.withResetAfterBytes(size(node, path, "reset-after-bytes"));
      }
      if (node.has("error-rate-percent") || node.has("error-status")) {
        int rate = node.has("error-rate-percent") ? integer(node, path, "error-rate-percent") : f.errorRatePercent();
        int status = node.has("error-status") ? integer(node, path, "error-status") : f.errorStatus();
        f = f.withErrorRate(rate, status);
      }
      if (node.has("stall")) {
        f = f.withStall(bool(node, path, "stall"));
      }
      if (node.has("stall-after-bytes")) {
        f = f.withStallAfterBytes(size(node, path, "stall-after-bytes"));
      }
    } catch (IllegalArgumentException e) {
      throw e.getMessage() != null && e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + "." + e.getMessage(), e);
    }
    return f;
  }

  static ObjectNode write(Faults f) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("latency", io.ossgate.config.Units.formatDuration(f.latency()));
    n.put("bandwidth", f.bandwidthBytesPerSecond());
    n.put("refuse-connections", f.refuseConnections());
    n.put("reset-after-bytes", f.resetAfterBytes());
    n.put("error-rate-percent", f.errorRatePercent());
    n.put("error-status", f.errorStatus());
    n.put("stall", f.stall());
    n.put("stall-after-bytes", f.stallAfterBytes());
    return n;
  }

  private static long size(JsonNode node, String path, String key) {
    JsonNode v = node.get(key);
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return io.ossgate.config.Units.parseSize(text(node, path, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage());
    }
  }

  private static java.time.Duration duration(JsonNode node, String path, String key) {
    JsonNode v = node.get(key);
    if (v.isIntegralNumber()) {
      return java.time.Duration.ofMillis(v.asLong());
    }
    try {
      return io.ossgate.config.Units.parseDuration(text(node, path, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage());
    }
  }

  private static int integer(JsonNode node, String path, String key) {
    JsonNode v = node.get(key);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(path + "." + key + ": '" + v.asText() + "' (expected: an integer)");
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode node, String path, String key) {
    JsonNode v = node.get(key);
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(path + "." + key + ": '" + v.asText() + "' (expected: true or false)");
    }
    return v.asBoolean();
  }

  private static String text(JsonNode node, String path, String key) {
    JsonNode v = node.get(key);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(path + "." + key + ": '" + v + "' (expected: text)");
    }
    return v.asText();
  }
}
