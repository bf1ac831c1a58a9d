package io.ossgate.signing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * V4 signing keys per (secret, day, region). Deriving one costs four HMACs and it changes only
 * daily, so a small bounded cache saves most of the signing work. Thread-safe.
 */
public final class SigningKeyCache {

  private final Cache<KeyId, byte[]> keys;

  /** A cache of at most {@code maxEntries} keys (a few per credential and region suffice). */
  public SigningKeyCache(long maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
    }
    this.keys = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
  }

  public SigningKeyCache() {
    this(256);
  }

  /** The signing key for {@code day} ({@code yyyyMMdd}) and {@code region}, product {@code oss}. */
  byte[] signingKey(String secret, String day, String region) {
    return keys.get(new KeyId(secret, day, region), SigningKeyCache::derive);
  }

  static byte[] derive(KeyId id) {
    byte[] k1 = Crypto.hmacSha256(("aliyun_v4" + id.secret).getBytes(StandardCharsets.UTF_8), id.day);
    byte[] k2 = Crypto.hmacSha256(k1, id.region);
    byte[] k3 = Crypto.hmacSha256(k2, V4Canonicalizer.PRODUCT);
    return Crypto.hmacSha256(k3, V4Canonicalizer.TERMINATOR);
  }

  long size() {
    keys.cleanUp();
    return keys.estimatedSize();
  }

  /** Cache key; its toString hides the secret in case a cache dump ever prints it. */
  record KeyId(String secret, String day, String region) {
    KeyId {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
      return "KeyId[secret=***, day=" + day + ", region=" + region + "]";
    }
  }
}
