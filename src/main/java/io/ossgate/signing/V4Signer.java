package io.ossgate.signing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * OSS V4 ({@code OSS4-HMAC-SHA256}) signer. The payload is never hashed
 * ({@code UNSIGNED-PAYLOAD}), so bodies stream untouched. Thread-safe.
 */
public final class V4Signer implements OssSigner {

  /** GO2 refuses presigned URLs longer than 7 days; OSS does too. */
  public static final Duration MAX_PRESIGN = Duration.ofDays(7);

  private final SigningKeyCache keys;

  public V4Signer(SigningKeyCache keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public V4Signer() {
    this(new SigningKeyCache());
  }

  @Override
  public Map<String, String> signHeaders(SignInput in, Credentials creds) {
    return signHeadersDetailed(in, creds).headersToAdd();
  }

  /** Header signing with the intermediate strings, for tests and debugging. */
  Signed signHeadersDetailed(SignInput in, Credentials creds) {
    String region = requireRegion(in);
    String isoDate = SignDates.isoBasic(in.signTime());
    Map<String, String> added = new LinkedHashMap<>();
    added.put("x-oss-date", isoDate);
    String payload = in.header("x-oss-content-sha256");
    if (payload == null) {
      payload = V4Canonicalizer.UNSIGNED_PAYLOAD;
      added.put("x-oss-content-sha256", payload);
    }
    creds.securityToken().ifPresent(t -> added.put("x-oss-security-token", t));

    SortedMap<String, String> headers = new TreeMap<>(in.headers());
    headers.putAll(added);
    SortedSet<String> additional = V4Canonicalizer.effectiveAdditional(headers, in.additionalHeaders());
    String canonical = V4Canonicalizer.canonicalRequest(in.method(),
        V4Canonicalizer.canonicalUri(in.bucket(), in.key()),
        V4Canonicalizer.canonicalQuery(in.query()), headers, additional, payload);
    String scope = V4Canonicalizer.scope(in.signTime(), region);
    String sts = V4Canonicalizer.stringToSign(isoDate, scope, canonical);
    String signature = V4Canonicalizer.signature(
        keys.signingKey(creds.accessKeySecret(), SignDates.day(in.signTime()), region), sts);

    StringBuilder auth = new StringBuilder(160)
        .append(V4Canonicalizer.ALGORITHM).append(" Credential=")
        .append(creds.accessKeyId()).append('/').append(scope);
    if (!additional.isEmpty()) {
      auth.append(",AdditionalHeaders=").append(String.join(";", additional));
    }
    auth.append(",Signature=").append(signature);
    added.put("Authorization", auth.toString());
    return new Signed(canonical, sts, Map.copyOf(added), List.of());
  }

  @Override
  public List<QueryParam> presign(SignInput in, Credentials creds, Duration expires) {
    return presignDetailed(in, creds, expires).queryToAdd();
  }

  /** Presigning with the intermediate strings, for tests and debugging. */
  Signed presignDetailed(SignInput in, Credentials creds, Duration expires) {
    String region = requireRegion(in);
    if (expires.isNegative() || expires.isZero() || expires.compareTo(MAX_PRESIGN) > 0) {
      throw new IllegalArgumentException("expires: " + expires + " (expected: 1s..7d)");
    }
    String isoDate = SignDates.isoBasic(in.signTime());
    String scope = V4Canonicalizer.scope(in.signTime(), region);
    SortedSet<String> additional =
        V4Canonicalizer.effectiveAdditional(in.headers(), in.additionalHeaders());

    List<QueryParam> added = new ArrayList<>();
    added.add(QueryParam.of("x-oss-signature-version", V4Canonicalizer.ALGORITHM));
    added.add(QueryParam.of("x-oss-credential", creds.accessKeyId() + "/" + scope));
    added.add(QueryParam.of("x-oss-date", isoDate));
    added.add(QueryParam.of("x-oss-expires", Long.toString(expires.toSeconds())));
    creds.securityToken().ifPresent(t -> added.add(QueryParam.of("x-oss-security-token", t)));
    if (!additional.isEmpty()) {
      added.add(QueryParam.of("x-oss-additional-headers", String.join(";", additional)));
    }
    List<QueryParam> all = new ArrayList<>(in.query());
    all.addAll(added);
    String payload = in.header("x-oss-content-sha256");
    String canonical = V4Canonicalizer.canonicalRequest(in.method(),
        V4Canonicalizer.canonicalUri(in.bucket(), in.key()), V4Canonicalizer.canonicalQuery(all),
        in.headers(), additional, payload == null ? V4Canonicalizer.UNSIGNED_PAYLOAD : payload);
    String sts = V4Canonicalizer.stringToSign(isoDate, scope, canonical);
    String signature = V4Canonicalizer.signature(
        keys.signingKey(creds.accessKeySecret(), SignDates.day(in.signTime()), region), sts);
    added.add(QueryParam.of("x-oss-signature", signature));
    return new Signed(canonical, sts, Map.of(), List.copyOf(added));
  }

  private static String requireRegion(SignInput in) {
    if (in.region() == null || in.region().isEmpty()) {
      throw new IllegalArgumentException("region: missing (expected: a region id such as cn-hangzhou)");
    }
    return in.region();
  }

  /** A signing result with the strings it was computed from. */
  record Signed(String canonicalRequest, String stringToSign, Map<String, String> headersToAdd,
      List<QueryParam> queryToAdd) {}
}
