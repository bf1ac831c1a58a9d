package io.ossgate.auth;

import io.ossgate.signing.Credentials;
import io.ossgate.signing.QueryStrings;
import io.ossgate.signing.SignInput;
import io.ossgate.signing.UriEncoding;
import io.ossgate.signing.V4Signer;
import io.ossgate.upstream.OutboundRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Replaces whatever authentication a client sent with the gateway's own V4 signature
 * ({@code UNSIGNED-PAYLOAD}: the body streams unhashed). The client's {@code Authorization},
 * {@code x-oss-security-token} and presign query parameters (V1 and V4) are dropped; every other
 * query parameter keeps its raw bytes and order. Pure apart from building a new header map.
 */
public final class RequestResigner {

  /** Presign parameters of V1 ({@code OSSAccessKeyId ...}) and V4 ({@code x-oss-credential ...}). */
  static final Set<String> PRESIGN_PARAMS = Set.of("OSSAccessKeyId", "Expires", "Signature", "security-token",
      "x-oss-credential", "x-oss-date", "x-oss-expires", "x-oss-additional-headers", "x-oss-security-token",
      "x-oss-access-key-id");

  private static final V4Signer SIGNER = new V4Signer();

  private RequestResigner() {}

  /**
   * The request signed for {@code bucket} in {@code region} with {@code creds} at {@code now}.
   *
   * @throws IllegalArgumentException when the path is not valid percent-encoded UTF-8
   */
  public static OutboundRequest sign(OutboundRequest in, String bucket, String region, Credentials creds,
      Instant now) {
    String uri = in.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? null : stripPresign(uri.substring(q + 1));
    String key = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    key = key.isEmpty() ? null : UriEncoding.decodePath(key);

    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(in.headers());
    headers.remove(HttpHeaders.AUTHORIZATION);
    headers.remove("x-oss-security-token");
    headers.remove("x-oss-date");
    SignInput.Builder input = SignInput.builder(in.method().name(), now)
        .bucket(bucket).key(key).region(region)
        .query(QueryStrings.parse(rawQuery));
    headers.forEach(e -> input.header(e.getKey(), e.getValue()));
    Map<String, String> added = SIGNER.signHeaders(input.build(), creds);
    added.forEach(headers::set);
    String newUri = rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    return in.with(newUri, headers);
  }

  /** The raw query without presign parameters; the rest byte for byte, in order. */
  static String stripPresign(String rawQuery) {
    StringBuilder kept = new StringBuilder(rawQuery.length());
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = UriEncoding.decodeQuery(eq < 0 ? part : part.substring(0, eq));
      if (PRESIGN_PARAMS.contains(name) || name.startsWith("x-oss-signature")) {
        continue;
      }
      if (kept.length() > 0) {
        kept.append('&');
      }
      kept.append(part);
    }
    return kept.toString();
  }
}
