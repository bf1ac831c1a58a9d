package io.ossgate.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems, each as {@code key.path: what is wrong (expected: ...)}. */
final class Problems {

  private final List<String> lines = new ArrayList<>();

  void add(String path, String message) {
    lines.add(path + ": " + message);
  }

  /** How many problems so far; compare before and after reading a part to know whether it failed. */
  int count() {
    return lines.size();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
