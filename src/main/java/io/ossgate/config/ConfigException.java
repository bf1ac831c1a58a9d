package io.ossgate.config;

import java.util.List;
import java.util.Objects;

/**
 * The configuration cannot be used. Carries every problem found, one line each, each starting
 * with the key path it is about ({@code sites[1].bucket: 'Bad_Bucket' is not a valid bucket
 * name: ...}); problems about the file as a whole start with the file's name instead.
 * {@link #getMessage()} is those lines joined with newlines.
 */
public final class ConfigException extends RuntimeException {

  private final String sourceName;
  private final List<String> problems;

  public ConfigException(String sourceName, List<String> problems) {
    super(String.join("\n", problems));
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) {
      throw new IllegalArgumentException("problems: empty (expected: at least one)");
    }
  }

  /** Where the configuration came from: a file path, or a name given to {@code parse}. */
  public String sourceName() {
    return sourceName;
  }

  /** Every problem, in file order as far as possible; never empty. */
  public List<String> problems() {
    return problems;
  }
}
