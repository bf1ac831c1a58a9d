package io.ossgate.signing;

import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A parsed {@code OSS4-HMAC-SHA256} Authorization value. Accepts the compact SDK form
 * ({@code Credential=..,AdditionalHeaders=..,Signature=..}) and PY1's spaced, reordered form
 * ({@code Credential=.., Signature=.., AdditionalHeaders=..}).
 */
record V4Authorization(String accessKeyId, String scope, String day, String region, String product,
    SortedSet<String> additionalHeaders, String signature) {

  static final String PREFIX = V4Canonicalizer.ALGORITHM + " ";

  /** Empty when the value is not a well-formed V4 Authorization. */
  static Optional<V4Authorization> parse(String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String credential = null;
    String additional = null;
    String signature = null;
    for (String part : header.substring(PREFIX.length()).split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        return Optional.empty();
      }
      String name = p.substring(0, eq);
      String value = p.substring(eq + 1).trim();
      switch (name) {
        case "Credential" -> credential = value;
        case "AdditionalHeaders" -> additional = value;
        case "Signature" -> signature = value;
        default -> {
          return Optional.empty();
        }
      }
    }
    if (credential == null || signature == null || signature.isEmpty()) {
      return Optional.empty();
    }
    Optional<String[]> c = parseCredential(credential);
    Optional<SortedSet<String>> a = parseAdditional(additional);
    if (c.isEmpty() || a.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(of(c.get(), a.get(), signature));
  }

  /** From the five credential parts ({@link #parseCredential}). */
  static V4Authorization of(String[] c, SortedSet<String> additional, String signature) {
    return new V4Authorization(c[0], c[1] + "/" + c[2] + "/" + c[3] + "/" + c[4], c[1], c[2], c[3],
        additional, signature);
  }

  /** {@code AK/day/region/product/aliyun_v4_request} → its five parts. */
  static Optional<String[]> parseCredential(String credential) {
    String[] c = credential.split("/", -1);
    if (c.length != 5 || c[0].isEmpty() || c[1].length() != 8 || c[2].isEmpty()
        || !V4Canonicalizer.TERMINATOR.equals(c[4])) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /** {@code a;b} → lowercase names; {@code null} → none; empty names are an error (EC 0002-00000209). */
  static Optional<SortedSet<String>> parseAdditional(String value) {
    TreeSet<String> out = new TreeSet<>();
    if (value == null) {
      return Optional.of(out);
    }
    for (String n : value.split(";", -1)) {
      String name = n.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        return Optional.empty();
      }
      out.add(name);
    }
    return Optional.of(out);
  }
}
