package io.ossgate.health;

import java.util.Set;

/**
 * Maps a response (HTTP status, OSS error code) to an {@link Outcome}. Pure and stateless.
 *
 * <p>Why 4xx is {@link Outcome#NEUTRAL} and counts as a success for the breaker: an OSS error
 * body (AccessDenied, NoSuchKey, SignatureDoesNotMatch, ...) proves the whole path worked — DNS,
 * TCP, TLS and OSS itself answered. That is the same evidence an active probe accepts. Ignoring
 * such calls instead would let a few transient 5xx among many 404s open the breaker, and would
 * leave a half-open breaker unresolved. 429 is the exception: it is OSS shedding load, so it is a
 * {@link Outcome#FAILURE} (Envoy {@code retriable-status-codes}, GO2 retries 429 too).
 */
public final class OutcomeClassifier {

  /**
   * OSS codes that mean "this endpoint type cannot serve this bucket", whatever the key or the
   * credentials. They make the upstream ineligible for {@code breaker.ineligibleFor}. Sources:
   * <ul>
   *   <li>{@code PublicEndpointForbidden} — 400, EC 0048-00000401: default public endpoints are
   *       closed to data APIs for new users in mainland regions (oss-reference §5.7,
   *       doc-detail/31836).
   *   <li>{@code ExternalRedirectForbidden} — 400: redirect rules are blocked on public and
   *       accelerate domains for buckets created/accelerated after 2024-08-05 (oss-reference
   *       §5.7, help.aliyun.com how-to-deal-with-externalredirectforbidden-reporting-errors;
   *       peers §5.5).
   *   <li>{@code PermanentRedirect} — wrong-region endpoint, "must be addressed using the
   *       specified endpoint" (oss-reference §7, 403 status page).
   *   <li>{@code AccelerateNotConfigured}, {@code TransferAccelerationDisabled} — acceleration not
   *       enabled on the bucket (oss-reference §9). <b>[uncertain]</b>: the exact code OSS
   *       returns on an accelerate domain of a bucket without acceleration is not in the stored
   *       references; these names are the S3-style guess from the task brief.
   * </ul>
   */
  public static final Set<String> INELIGIBLE_CODES = Set.of(
      "PublicEndpointForbidden",
      "ExternalRedirectForbidden",
      "PermanentRedirect",
      "AccelerateNotConfigured",
      "TransferAccelerationDisabled");

  private OutcomeClassifier() {}

  /** Classifies a response that reached headers. {@code ossErrorCode} may be null. */
  public static Outcome classify(int status, String ossErrorCode) {
    if (ossErrorCode != null && INELIGIBLE_CODES.contains(ossErrorCode)) {
      return Outcome.INELIGIBLE;
    }
    if (status == 501 || status == 505) {
      // NotImplemented / version not supported: a definitive answer about the request, not a sick
      // endpoint. Another endpoint type would answer the same.
      return Outcome.NEUTRAL;
    }
    if (status >= 500 || status == 429) {
      return Outcome.FAILURE;
    }
    if (status >= 400) {
      return Outcome.NEUTRAL;
    }
    return Outcome.SUCCESS;
  }

  /** Transport failures always count against the upstream. */
  public static Outcome classify(FailureKind kind) {
    return Outcome.FAILURE;
  }
}
