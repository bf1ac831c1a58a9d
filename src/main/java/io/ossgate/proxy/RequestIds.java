package io.ossgate.proxy;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Request ids for the gateway's own responses and logs: a random per-instance prefix and a
 * counter, 24 hex characters like OSS's. One instance per event loop; not thread-safe.
 */
public final class RequestIds {
  private final String prefix;
  private long counter;

  public RequestIds() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.prefix = HexFormat.of().withUpperCase().formatHex(random);
  }

  public String next() {
    // Hot path (every request): no String.format.
    String hex = Long.toHexString(++counter).toUpperCase(java.util.Locale.ROOT);
    return prefix + "0".repeat(16 - hex.length()) + hex;
  }
}
