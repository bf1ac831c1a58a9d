package io.ossgate.oss;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A region id as used in V4 signature scopes, e.g. {@code cn-hangzhou}. Its OSS region id, used in
 * endpoint names, is {@code oss-cn-hangzhou} (oss-reference §1.1 "Region ID vs OSS region ID").
 */
public record RegionId(String value) {

  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public RegionId {
    Objects.requireNonNull(value, "value");
    if (value.startsWith("oss-")) {
      throw new IllegalArgumentException(
          "'" + value + "' is an OSS region id (expected: the region id without 'oss-', e.g. '"
              + value.substring(4) + "')");
    }
    if (value.length() > 63 || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a region id (expected: lowercase letters, digits and single '-', e.g. 'ap-southeast-1')");
    }
  }

  public static RegionId of(String value) {
    return new RegionId(value);
  }

  /** {@code oss-} + region id, the form endpoints use. */
  public String ossRegionId() {
    return "oss-" + value;
  }

  @Override
  public String toString() {
    return value;
  }
}
