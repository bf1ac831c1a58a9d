package io.ossgate.signing;

import java.util.Objects;

/**
 * One decoded query parameter. {@code value} is {@code null} for a bare name ({@code ?acl}) and
 * empty for {@code ?acl=}; both sign the same way (OSS writes just the name).
 */
public record QueryParam(String name, String value) {

  public QueryParam {
    Objects.requireNonNull(name, "name");
  }

  public static QueryParam of(String name, String value) {
    return new QueryParam(name, value);
  }

  public static QueryParam flag(String name) {
    return new QueryParam(name, null);
  }

  /** True when the value is absent or empty: the signed form is the bare name. */
  public boolean valueless() {
    return value == null || value.isEmpty();
  }
}
