package io.ossgate.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key, optionally with an STS security token and its expiration. {@link #toString()}
 * never shows the secret or the token.
 */
public record Credentials(
    String accessKeyId,
    String accessKeySecret,
    Optional<String> securityToken,
    Optional<Instant> expiration) {

  public Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    Objects.requireNonNull(securityToken, "securityToken");
    Objects.requireNonNull(expiration, "expiration");
    if (accessKeyId.isBlank()) {
      throw new IllegalArgumentException("accessKeyId: blank (expected: non-empty)");
    }
    if (accessKeySecret.isEmpty()) {
      throw new IllegalArgumentException("accessKeySecret: empty (expected: non-empty)");
    }
    securityToken = securityToken.filter(t -> !t.isEmpty());
  }

  /** Long-lived access key credentials. */
  public static Credentials of(String accessKeyId, String accessKeySecret) {
    return new Credentials(accessKeyId, accessKeySecret, Optional.empty(), Optional.empty());
  }

  /** STS credentials; {@code expiration} may be {@code null} when unknown. */
  public static Credentials sts(String accessKeyId, String accessKeySecret, String token,
      Instant expiration) {
    return new Credentials(accessKeyId, accessKeySecret, Optional.ofNullable(token),
        Optional.ofNullable(expiration));
  }

  /** True when an expiration is known and {@code now} is at or after it. */
  public boolean expiredAt(Instant now) {
    return expiration.map(e -> !now.isBefore(e)).orElse(false);
  }

  @Override
  public String toString() {
    return "Credentials[accessKeyId=" + accessKeyId
        + ", accessKeySecret=***"
        + ", securityToken=" + (securityToken.isPresent() ? "***" : "none")
        + ", expiration=" + expiration.map(Instant::toString).orElse("none") + "]";
  }
}
