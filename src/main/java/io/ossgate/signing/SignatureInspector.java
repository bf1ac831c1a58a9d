package io.ossgate.signing;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tells which signature form a request carries and what it signs, without verifying it. Pure; the
 * gateway calls it per request to decide whether a client-signed request can be re-targeted.
 */
public final class SignatureInspector {

  private SignatureInspector() {}

  /**
   * @param headers request headers, names in any case (repeated values joined with {@code ,})
   * @param rawQuery the query string as on the wire, without {@code ?}; may be {@code null}
   */
  public static SignatureInfo inspect(Map<String, String> headers, String rawQuery) {
    if (headers.isEmpty() && (rawQuery == null || rawQuery.isEmpty())) {
      // Most requests: nothing that could carry a signature, so nothing to parse.
      return SignatureInfo.ANONYMOUS;
    }
    return inspectParsed(SignInput.lowercase(headers), QueryStrings.parse(rawQuery));
  }

  static SignatureInfo inspectParsed(Map<String, String> lowerHeaders, List<QueryParam> query) {
    String auth = lowerHeaders.get("authorization");
    if (auth != null && !auth.isBlank()) {
      if (auth.startsWith(V4Authorization.PREFIX)) {
        return V4Authorization.parse(auth)
            .map(a -> SignatureInfo.of(SignatureForm.V4_HEADER, a.accessKeyId(), a.additionalHeaders()))
            .orElseGet(SignatureInspector::unsupported);
      }
      if (auth.startsWith("OSS ")) {
        int colon = auth.lastIndexOf(':');
        return colon > 4
            ? SignatureInfo.of(SignatureForm.V1_HEADER, auth.substring(4, colon).trim(), new TreeSet<>())
            : unsupported();
      }
      return unsupported();
    }
    String version = first(query, "x-oss-signature-version");
    if (version != null || first(query, "x-oss-credential") != null) {
      if (!V4Canonicalizer.ALGORITHM.equals(version)) {
        return unsupported();
      }
      String credential = first(query, "x-oss-credential");
      String ak = credential == null ? null
          : V4Authorization.parseCredential(credential).map(c -> c[0]).orElse(null);
      return V4Authorization.parseAdditional(first(query, "x-oss-additional-headers"))
          .map(a -> SignatureInfo.of(SignatureForm.V4_QUERY, ak, a))
          .orElseGet(SignatureInspector::unsupported);
    }
    if (first(query, "OSSAccessKeyId") != null || first(query, "Signature") != null) {
      return SignatureInfo.of(SignatureForm.V1_QUERY, first(query, "OSSAccessKeyId"), new TreeSet<>());
    }
    return SignatureInfo.of(SignatureForm.ANONYMOUS, null, new TreeSet<>());
  }

  private static SignatureInfo unsupported() {
    return SignatureInfo.of(SignatureForm.UNSUPPORTED, null, new TreeSet<>());
  }

  /** The first value of {@code name} ({@code ""} for a bare name), or {@code null}. */
  static String first(List<QueryParam> query, String name) {
    for (QueryParam p : query) {
      if (p.name().equals(name)) {
        return p.value() == null ? "" : p.value();
      }
    }
    return null;
  }
}
