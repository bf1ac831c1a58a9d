package io.ossgate.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the V4 canonical request and string to sign (oss-reference §4). Shared by the signer and
 * the verifier so both compute byte-identical strings.
 */
final class V4Canonicalizer {

  static final String ALGORITHM = "OSS4-HMAC-SHA256";
  static final String PRODUCT = "oss";
  static final String TERMINATOR = "aliyun_v4_request";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private V4Canonicalizer() {}

  /** {@code /BUCKET/KEY}, {@code /BUCKET/} without a key, {@code /} without a bucket; encoded. */
  static String canonicalUri(String bucket, String key) {
    if (bucket == null || bucket.isEmpty()) {
      return "/";
    }
    return UriEncoding.encodePath("/" + bucket + "/" + (key == null ? "" : key));
  }

  /** All params, encoded, sorted by encoded name (then value), {@code k=v} or bare {@code k}. */
  static String canonicalQuery(List<QueryParam> params) {
    List<String[]> encoded = new ArrayList<>(params.size());
    for (QueryParam p : params) {
      encoded.add(new String[] {
          UriEncoding.encode(p.name()), p.valueless() ? "" : UriEncoding.encode(p.value())});
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] e : encoded) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(e[0]);
      if (!e[1].isEmpty()) {
        sb.append('=').append(e[1]);
      }
    }
    return sb.toString();
  }

  /** Signed by default: every {@code x-oss-*}, {@code content-type}, {@code content-md5}. */
  static boolean signedByDefault(String lowerName) {
    return lowerName.startsWith("x-oss-") || lowerName.equals("content-type")
        || lowerName.equals("content-md5");
  }

  /** What the SDKs keep of requested additional headers: present and not signed anyway, sorted. */
  static SortedSet<String> effectiveAdditional(Map<String, String> headers, Set<String> requested) {
    TreeSet<String> out = new TreeSet<>();
    for (String name : requested) {
      if (headers.containsKey(name) && !signedByDefault(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * The canonical request. {@code headers} have lowercase names; {@code additional} is written as
   * given (the signer filters it first, the verifier uses what the client declared).
   */
  static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
      Map<String, String> headers, SortedSet<String> additional, String payloadHash) {
    SortedMap<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> {
      if (signedByDefault(name) || additional.contains(name)) {
        signed.put(name, value.trim());
      }
    });
    for (String name : additional) {
      signed.putIfAbsent(name, "");
    }
    StringBuilder sb = new StringBuilder(512);
    sb.append(method).append('\n')
        .append(canonicalUri).append('\n')
        .append(canonicalQuery).append('\n');
    signed.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
    sb.append('\n').append(String.join(";", additional)).append('\n').append(payloadHash);
    return sb.toString();
  }

  static String scope(Instant signTime, String region) {
    return SignDates.day(signTime) + "/" + region + "/" + PRODUCT + "/" + TERMINATOR;
  }

  static String stringToSign(String isoDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + isoDate + "\n" + scope + "\n" + Crypto.sha256Hex(canonicalRequest);
  }

  static String signature(byte[] signingKey, String stringToSign) {
    return Crypto.hex(Crypto.hmacSha256(signingKey, stringToSign));
  }
}
