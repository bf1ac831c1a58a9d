package io.ossgate.proxy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Request ids for the gateway's own responses and logs: a random per-instance prefix and a
 * counter, 24 hex characters like OSS's. One instance per event loop; not thread-safe.
 */
public final class RequestIds {
  private static final String HEX_DIGITS = "0123456789ABCDEF";
  private final String prefix;
  private long counter;

  public RequestIds() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.prefix = HexFormat.of().withUpperCase().formatHex(random);
  }

  /** The next id. */
  public String next() {
    return format(take());
  }

  /**
   * The number of the next id, for a request whose id is written out only if it is needed (an error,
   * a log line): most relayed requests never need theirs.
   */
  public long take() {
    return ++counter;
  }

  /** The id of number {@code n} from {@link #take}. */
  public String format(long n) {
    // The 24 characters written into one array, no formatting.
    byte[] id = new byte[prefix.length() + 16];
    for (int i = 0; i < prefix.length(); i++) {
      id[i] = (byte) prefix.charAt(i);
    }
    for (int i = id.length - 1; i >= prefix.length(); i--, n >>>= 4) {
      id[i] = (byte) HEX_DIGITS.charAt((int) (n & 0xF));
    }
    return new String(id, StandardCharsets.ISO_8859_1);
  }
}
