package io.ossgate.signing;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A request as a server sees it, for {@link SignatureVerifier}.
 *
 * @param method HTTP method
 * @param bucket the bucket the server resolved from the Host, or {@code null} for service-level
 *     requests
 * @param rawPath the path as on the wire (percent-encoded): {@code /KEY}, the bucket not included
 * @param rawQuery the query string as on the wire, without {@code ?}; may be {@code null}
 * @param headers headers, names in any case (lowercased here; repeated values joined with ',')
 */
public record SignedRequest(String method, String bucket, String rawPath, String rawQuery,
    SortedMap<String, String> headers) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    headers = Collections.unmodifiableSortedMap(SignInput.lowercase(headers == null ? Map.of() : headers));
  }

  public static SignedRequest of(String method, String bucket, String rawPath, String rawQuery,
      Map<String, String> headers) {
    return new SignedRequest(method, bucket, rawPath, rawQuery, SignInput.lowercase(headers));
  }

  /** The decoded object key ({@code null} for {@code /}). */
  public String key() {
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    return p.isEmpty() ? null : UriEncoding.decodePath(p);
  }
}
