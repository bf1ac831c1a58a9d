package io.ossgate.signing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the V1 string to sign (oss-reference §3). Shared by the signer and the verifier. */
final class V1Canonicalizer {

  private V1Canonicalizer() {}

  /**
   * {@code headers} have lowercase names; {@code dateSlot} is the Date header, or Expires for a
   * presigned URL; {@code query} is decoded and filtered to sub-resources here.
   */
  static String stringToSign(String method, String bucket, String key, Map<String, String> headers,
      List<QueryParam> query, String dateSlot) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append('\n')
        .append(headers.getOrDefault("content-md5", "")).append('\n')
        .append(headers.getOrDefault("content-type", "")).append('\n')
        .append(dateSlot).append('\n');
    headers.entrySet().stream()
        .filter(e -> e.getKey().startsWith("x-oss-"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> sb.append(e.getKey()).append(':').append(e.getValue().trim()).append('\n'));
    sb.append(canonicalResource(bucket, key, query));
    return sb.toString();
  }

  /** {@code /BUCKET/KEY} raw, then {@code ?} and the sorted sub-resources. */
  static String canonicalResource(String bucket, String key, List<QueryParam> query) {
    StringBuilder sb = new StringBuilder("/");
    if (bucket != null && !bucket.isEmpty()) {
      sb.append(bucket).append('/');
      if (key != null) {
        sb.append(key);
      }
    }
    List<QueryParam> signed = new ArrayList<>();
    for (QueryParam p : query) {
      if (SubResources.isSigned(p.name())) {
        signed.add(p);
      }
    }
    signed.sort(Comparator.comparing(QueryParam::name)
        .thenComparing(p -> p.value() == null ? "" : p.value()));
    char sep = '?';
    for (QueryParam p : signed) {
      sb.append(sep).append(p.name());
      if (!p.valueless()) {
        sb.append('=').append(p.value());
      }
      sep = '&';
    }
    return sb.toString();
  }

  static String signature(String secret, String stringToSign) {
    return java.util.Base64.getEncoder().encodeToString(
        Crypto.hmacSha1(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), stringToSign));
  }
}
