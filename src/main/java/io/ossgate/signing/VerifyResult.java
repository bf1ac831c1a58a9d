package io.ossgate.signing;

import java.util.Objects;

/** The outcome of {@link SignatureVerifier#verify}. */
public sealed interface VerifyResult {

  /** The signature is correct, fresh, and made with the credentials of {@code accessKeyId}. */
  record Valid(String accessKeyId, SignatureForm form) implements VerifyResult {}

  /** The request carries no signature; the caller decides whether anonymous access is allowed. */
  record Anonymous() implements VerifyResult {}

  /**
   * Rejected. {@code code} is the OSS error code (all HTTP 403); {@code message} never contains
   * a secret or a token.
   */
  record Invalid(String code, String message) implements VerifyResult {
    public static final String SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";
    public static final String INVALID_ACCESS_KEY_ID = "InvalidAccessKeyId";
    public static final String REQUEST_TIME_TOO_SKEWED = "RequestTimeTooSkewed";
    public static final String ACCESS_DENIED = "AccessDenied";
    public static final String INVALID_SECURITY_TOKEN = "InvalidSecurityToken";

    public Invalid {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    /** OSS answers every one of these with 403. */
    public int httpStatus() {
      return 403;
    }
  }

  default boolean isValid() {
    return this instanceof Valid;
  }
}
