package io.ossgate.signing;

import static io.ossgate.signing.VerifyResult.Invalid.ACCESS_DENIED;
import static io.ossgate.signing.VerifyResult.Invalid.INVALID_ACCESS_KEY_ID;
import static io.ossgate.signing.VerifyResult.Invalid.INVALID_SECURITY_TOKEN;
import static io.ossgate.signing.VerifyResult.Invalid.REQUEST_TIME_TOO_SKEWED;
import static io.ossgate.signing.VerifyResult.Invalid.SIGNATURE_DOES_NOT_MATCH;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * Checks OSS signatures the way OSS does (as far as the SDKs show it): V1 and V4, header and
 * presigned forms, with the 15-minute window for header forms and the expiry for presigned ones.
 * Used by the emulator to check clients and the gateway. Thread-safe; never reads a clock.
 */
public final class SignatureVerifier {

  /** OSS rejects header-signed requests whose time is more than 15 minutes off. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(15);

  private final SigningKeyCache keys;
  private final Duration maxSkew;

  public SignatureVerifier(SigningKeyCache keys, Duration maxSkew) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
  }

  public SignatureVerifier() {
    this(new SigningKeyCache(), DEFAULT_MAX_SKEW);
  }

  /**
   * Verifies {@code request}.
   *
   * @param lookup credentials by access key id; empty means the key is unknown
   * @param now the server's current time
   */
  public VerifyResult verify(SignedRequest request,
      Function<String, Optional<Credentials>> lookup, Instant now) {
    List<QueryParam> query = QueryStrings.parse(request.rawQuery());
    SignatureInfo info = SignatureInspector.inspectParsed(request.headers(), query);
    return switch (info.form()) {
      case ANONYMOUS -> new VerifyResult.Anonymous();
      case UNSUPPORTED -> invalid(ACCESS_DENIED,
          "The authorization is malformed or uses an unsupported signature version.");
      case V1_HEADER -> v1Header(request, query, lookup, now);
      case V1_QUERY -> v1Query(request, query, lookup, now);
      case V4_HEADER -> v4Header(request, query, lookup, now);
      case V4_QUERY -> v4Query(request, query, lookup, now);
    };
  }

  private VerifyResult v1Header(SignedRequest req, List<QueryParam> query,
      Function<String, Optional<Credentials>> lookup, Instant now) {
    String auth = req.headers().get("authorization");
    int colon = auth.lastIndexOf(':');
    String ak = auth.substring(4, colon).trim();
    String given = auth.substring(colon + 1).trim();
    Map<String, String> h = req.headers();
    // ali-oss sends x-oss-date (browsers cannot set Date); the doc says it wins over Date.
    String timeHeader = h.containsKey("x-oss-date") ? h.get("x-oss-date") : h.get("date");
    Optional<Credentials> found = lookup.apply(ak);
    Optional<VerifyResult> early = credentialsAndTime(found, timeHeader, now);
    if (early.isPresent()) {
      return early.get();
    }
    Credentials creds = found.get();
    Optional<VerifyResult> token = checkToken(creds, h.get("x-oss-security-token"));
    if (token.isPresent()) {
      return token.get();
    }
    // The Date slot holds the Date header (JV1, GO2) or x-oss-date when Date is absent (ali-oss in
    // browsers); both are signed values, so trying each is no weaker than trying one.
    Set<String> slots = new LinkedHashSet<>();
    if (h.containsKey("date")) {
      slots.add(h.get("date"));
    }
    if (h.containsKey("x-oss-date")) {
      slots.add(h.get("x-oss-date"));
    }
    for (String slot : slots) {
      String sts = V1Canonicalizer.stringToSign(req.method(), req.bucket(), req.key(), h, query, slot);
      if (Crypto.constantTimeEquals(V1Canonicalizer.signature(creds.accessKeySecret(), sts), given)) {
        return new VerifyResult.Valid(ak, SignatureForm.V1_HEADER);
      }
    }
    return mismatch();
  }

  private VerifyResult v1Query(SignedRequest req, List<QueryParam> query,
      Function<String, Optional<Credentials>> lookup, Instant now) {
    String ak = SignatureInspector.first(query, "OSSAccessKeyId");
    String expires = SignatureInspector.first(query, "Expires");
    String given = SignatureInspector.first(query, "Signature");
    if (ak == null || ak.isEmpty() || expires == null || given == null) {
      return invalid(ACCESS_DENIED, "OSSAccessKeyId, Expires and Signature are all required.");
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return invalid(ACCESS_DENIED, "Expires is not a number of seconds.");
    }
    Optional<Credentials> creds = lookup.apply(ak);
    if (creds.isEmpty()) {
      return unknownKey();
    }
    if (now.getEpochSecond() > expiresAt) {
      return invalid(ACCESS_DENIED, "Request has expired.");
    }
    Optional<VerifyResult> token = checkToken(creds.get(), SignatureInspector.first(query, "security-token"));
    if (token.isPresent()) {
      return token.get();
    }
    String sts = V1Canonicalizer.stringToSign(req.method(), req.bucket(), req.key(), req.headers(),
        query, expires);
    return Crypto.constantTimeEquals(V1Canonicalizer.signature(creds.get().accessKeySecret(), sts), given)
        ? new VerifyResult.Valid(ak, SignatureForm.V1_QUERY) : mismatch();
  }

  private VerifyResult v4Header(SignedRequest req, List<QueryParam> query,
      Function<String, Optional<Credentials>> lookup, Instant now) {
    Optional<V4Authorization> parsed = V4Authorization.parse(req.headers().get("authorization"));
    if (parsed.isEmpty()) {
      return invalid(ACCESS_DENIED, "The V4 authorization header is malformed.");
    }
    V4Authorization auth = parsed.get();
    String isoDate = req.headers().get("x-oss-date");
    if (isoDate == null) {
      return invalid(ACCESS_DENIED, "x-oss-date is required for V4 signatures.");
    }
    Optional<Credentials> found = lookup.apply(auth.accessKeyId());
    Optional<VerifyResult> early = credentialsAndTime(found, isoDate, now);
    if (early.isPresent()) {
      return early.get();
    }
    Credentials creds = found.get();
    Optional<VerifyResult> token = checkToken(creds, req.headers().get("x-oss-security-token"));
    if (token.isPresent()) {
      return token.get();
    }
    String payload = req.headers().getOrDefault("x-oss-content-sha256", V4Canonicalizer.UNSIGNED_PAYLOAD);
    String canonical = V4Canonicalizer.canonicalRequest(req.method(),
        V4Canonicalizer.canonicalUri(req.bucket(), req.key()), V4Canonicalizer.canonicalQuery(query),
        req.headers(), auth.additionalHeaders(), payload);
    return checkV4(auth.accessKeyId(), creds, auth, isoDate, canonical, auth.signature(),
        SignatureForm.V4_HEADER);
  }

  private VerifyResult v4Query(SignedRequest req, List<QueryParam> query,
      Function<String, Optional<Credentials>> lookup, Instant now) {
    String credential = SignatureInspector.first(query, "x-oss-credential");
    String isoDate = SignatureInspector.first(query, "x-oss-date");
    String expires = SignatureInspector.first(query, "x-oss-expires");
    String given = SignatureInspector.first(query, "x-oss-signature");
    if (credential == null || isoDate == null || expires == null || given == null) {
      return invalid(ACCESS_DENIED,
          "x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature are all required.");
    }
    Optional<String[]> cred = V4Authorization.parseCredential(credential);
    Optional<SortedSet<String>> additional =
        V4Authorization.parseAdditional(SignatureInspector.first(query, "x-oss-additional-headers"));
    Optional<Instant> signedAt = SignDates.parse(isoDate);
    long seconds;
    try {
      seconds = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (cred.isEmpty() || additional.isEmpty() || signedAt.isEmpty() || seconds < 1
        || seconds > V4Signer.MAX_PRESIGN.toSeconds()) {
      return invalid(ACCESS_DENIED, "The V4 presigned query parameters are malformed.");
    }
    String[] c = cred.get();
    Optional<Credentials> creds = lookup.apply(c[0]);
    if (creds.isEmpty()) {
      return unknownKey();
    }
    if (signedAt.get().isAfter(now.plus(maxSkew))) {
      return invalid(REQUEST_TIME_TOO_SKEWED, "x-oss-date is too far in the future.");
    }
    if (now.isAfter(signedAt.get().plusSeconds(seconds))) {
      return invalid(ACCESS_DENIED, "Request has expired.");
    }
    Optional<VerifyResult> token =
        checkToken(creds.get(), SignatureInspector.first(query, "x-oss-security-token"));
    if (token.isPresent()) {
      return token.get();
    }
    List<QueryParam> signedQuery = new ArrayList<>(query.size());
    for (QueryParam p : query) {
      if (!p.name().equals("x-oss-signature")) {
        signedQuery.add(p);
      }
    }
    String payload = req.headers().getOrDefault("x-oss-content-sha256", V4Canonicalizer.UNSIGNED_PAYLOAD);
    String canonical = V4Canonicalizer.canonicalRequest(req.method(),
        V4Canonicalizer.canonicalUri(req.bucket(), req.key()),
        V4Canonicalizer.canonicalQuery(signedQuery), req.headers(), additional.get(), payload);
    V4Authorization auth = V4Authorization.of(c, additional.get(), given);
    return checkV4(c[0], creds.get(), auth, isoDate, canonical, given, SignatureForm.V4_QUERY);
  }

  private VerifyResult checkV4(String ak, Credentials creds, V4Authorization auth, String isoDate,
      String canonical, String given, SignatureForm form) {
    if (!V4Canonicalizer.PRODUCT.equals(auth.product()) || !isoDate.startsWith(auth.day())) {
      return invalid(SIGNATURE_DOES_NOT_MATCH, "The credential scope does not match x-oss-date.");
    }
    String sts = V4Canonicalizer.stringToSign(isoDate, auth.scope(), canonical);
    String expected = V4Canonicalizer.signature(
        keys.signingKey(creds.accessKeySecret(), auth.day(), auth.region()), sts);
    return Crypto.constantTimeEquals(expected, given) ? new VerifyResult.Valid(ak, form) : mismatch();
  }

  /** Unknown key first (as OSS), then the 15-minute window of header forms. */
  private Optional<VerifyResult> credentialsAndTime(Optional<Credentials> creds, String timeHeader,
      Instant now) {
    if (creds.isEmpty()) {
      return Optional.of(unknownKey());
    }
    Optional<Instant> at = SignDates.parse(timeHeader);
    if (at.isEmpty()) {
      return Optional.of(invalid(ACCESS_DENIED, "The request has no valid Date or x-oss-date."));
    }
    if (Duration.between(at.get(), now).abs().compareTo(maxSkew) > 0) {
      return Optional.of(invalid(REQUEST_TIME_TOO_SKEWED,
          "The difference between the request time and the current time is too large."));
    }
    return Optional.empty();
  }

  /** STS credentials need their token on the request, and only theirs. */
  private static Optional<VerifyResult> checkToken(Credentials creds, String given) {
    String expected = creds.securityToken().orElse(null);
    if (expected == null && (given == null || given.isEmpty())) {
      return Optional.empty();
    }
    if (expected != null && given != null && Crypto.constantTimeEquals(expected, given)) {
      return Optional.empty();
    }
    return Optional.of(invalid(INVALID_SECURITY_TOKEN, "The security token is missing or does not match."));
  }

  private static VerifyResult unknownKey() {
    return invalid(INVALID_ACCESS_KEY_ID, "The OSS access key id you provided does not exist in our records.");
  }

  private static VerifyResult mismatch() {
    return invalid(SIGNATURE_DOES_NOT_MATCH,
        "The request signature we calculated does not match the signature you provided.");
  }

  private static VerifyResult invalid(String code, String message) {
    return new VerifyResult.Invalid(code, message);
  }
}
