package io.ossgate.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A bucket's canned ACL as far as anonymous access goes. */
public enum BucketAcl {
  /** Anonymous reads and writes are allowed (the emulator default, convenient for tests). */
  PUBLIC_READ_WRITE("public-read-write"),
  /** Anonymous reads are allowed; anonymous PUT/POST/DELETE get 403 AccessDenied. */
  PUBLIC_READ("public-read"),
  /** Every anonymous request gets 403 AccessDenied. */
  PRIVATE("private");

  private final String configName;

  BucketAcl(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** True when an anonymous request with this method may proceed. */
  boolean allowsAnonymous(String method) {
    return switch (this) {
      case PUBLIC_READ_WRITE -> true;
      case PUBLIC_READ -> method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
      case PRIVATE -> false;
    };
  }

  public static Optional<BucketAcl> fromConfigName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(a -> a.configName.equals(wanted)).findFirst();
  }
}
