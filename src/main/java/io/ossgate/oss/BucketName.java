package io.ossgate.oss;

import java.util.Objects;

/**
 * A validated OSS bucket name: 3–63 characters of lowercase letters, digits and '-', starting and
 * ending with a letter or digit (oss-reference §2).
 */
public record BucketName(String value) {

  public BucketName {
    Objects.requireNonNull(value, "value");
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("'" + value + "' is not a valid bucket name: " + problem);
    }
  }

  public static BucketName of(String value) {
    return new BucketName(value);
  }

  /** True when {@code value} is a valid bucket name; never throws. */
  public static boolean isValid(String value) {
    return value != null && problem(value) == null;
  }

  private static String problem(String value) {
    if (value.length() < 3 || value.length() > 63) {
      return "length " + value.length() + " (expected: 3 to 63 characters)";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return "character '" + c + "' at " + i + " (expected: lowercase letters, digits and '-')";
      }
    }
    if (value.charAt(0) == '-' || value.charAt(value.length() - 1) == '-') {
      return "starts or ends with '-' (expected: a letter or digit at both ends)";
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
