package io.ossgate.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OSS V1 ({@code OSS AK:signature}, HMAC-SHA1) signer. V1 is being retired (oss-reference §3);
 * the gateway signs V4 and keeps this for clients and the emulator. Thread-safe, stateless.
 */
public final class V1Signer implements OssSigner {

  /**
   * Returns {@code Authorization}, plus {@code Date} when the input has none (from the sign time)
   * and {@code x-oss-security-token} for STS credentials.
   */
  @Override
  public Map<String, String> signHeaders(SignInput in, Credentials creds) {
    return signHeadersDetailed(in, creds).headersToAdd();
  }

  Signed signHeadersDetailed(SignInput in, Credentials creds) {
    Map<String, String> added = new LinkedHashMap<>();
    String date = in.header("date");
    if (date == null) {
      date = SignDates.http(in.signTime());
      added.put("Date", date);
    }
    TreeMap<String, String> headers = new TreeMap<>(in.headers());
    creds.securityToken().ifPresent(t -> {
      added.put("x-oss-security-token", t);
      headers.put("x-oss-security-token", t);
    });
    String sts = V1Canonicalizer.stringToSign(in.method(), in.bucket(), in.key(), headers,
        in.query(), date);
    added.put("Authorization",
        "OSS " + creds.accessKeyId() + ":" + V1Canonicalizer.signature(creds.accessKeySecret(), sts));
    return new Signed(sts, Map.copyOf(added), List.of());
  }

  /** Presigns until {@code signTime + expires} (V1 has no upper bound, unlike V4). */
  @Override
  public List<QueryParam> presign(SignInput in, Credentials creds, Duration expires) {
    return presignUntil(in, creds, in.signTime().plus(expires)).queryToAdd();
  }

  /** Presigns with an absolute {@code Expires} (unix seconds of {@code expiresAt}). */
  Signed presignUntil(SignInput in, Credentials creds, Instant expiresAt) {
    String expires = Long.toString(expiresAt.getEpochSecond());
    List<QueryParam> query = new ArrayList<>(in.query());
    // GO2 puts the token into the query before signing, so it is a signed sub-resource.
    creds.securityToken().ifPresent(t -> query.add(QueryParam.of("security-token", t)));
    String sts = V1Canonicalizer.stringToSign(in.method(), in.bucket(), in.key(), in.headers(),
        query, expires);
    List<QueryParam> added = new ArrayList<>();
    added.add(QueryParam.of("OSSAccessKeyId", creds.accessKeyId()));
    added.add(QueryParam.of("Expires", expires));
    creds.securityToken().ifPresent(t -> added.add(QueryParam.of("security-token", t)));
    added.add(QueryParam.of("Signature", V1Canonicalizer.signature(creds.accessKeySecret(), sts)));
    return new Signed(sts, Map.of(), List.copyOf(added));
  }

  /** A signing result with the string it was computed from. */
  record Signed(String stringToSign, Map<String, String> headersToAdd, List<QueryParam> queryToAdd) {}
}
