package io.ossgate.server;

import io.ossgate.config.ConfigException;
import java.io.PrintWriter;
import java.util.List;

/** Prints a configuration failure the same way for every command: one problem per line, key path first. */
final class ConfigProblems {
  private ConfigProblems() {}

  static void print(ConfigException e, PrintWriter err) {
    List<String> problems = e.problems();
    if (problems.size() == 1 && problems.get(0).startsWith(e.sourceName())) {
      err.println(problems.get(0)); // about the file itself: it already names the file
    } else {
      int n = problems.size();
      err.println(e.sourceName() + ": invalid configuration (" + n + (n == 1 ? " problem" : " problems") + ")");
      problems.forEach(p -> err.println("  " + p));
    }
    err.flush();
  }
}
