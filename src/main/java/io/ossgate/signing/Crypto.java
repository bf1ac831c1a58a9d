package io.ossgate.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC, SHA-256 and hex helpers. {@link Mac} is not thread-safe, so each call gets its own. */
final class Crypto {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Crypto() {}

  static byte[] hmacSha256(byte[] key, String data) {
    return hmac("HmacSHA256", key, data);
  }

  static byte[] hmacSha1(byte[] key, String data) {
    return hmac("HmacSHA1", key, data);
  }

  private static byte[] hmac(String algorithm, byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // Both algorithms are mandatory in every JDK.
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  static String sha256Hex(String data) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Compares two signatures in time independent of where they differ. */
  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
