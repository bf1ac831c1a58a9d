package io.ossgate.signing;

/** How a request is authenticated. */
public enum SignatureForm {
  /** No signature at all. */
  ANONYMOUS,
  /** {@code Authorization: OSS ak:sig}. */
  V1_HEADER,
  /** {@code Authorization: OSS4-HMAC-SHA256 Credential=...}. */
  V4_HEADER,
  /** {@code ?OSSAccessKeyId=..&Expires=..&Signature=..}. */
  V1_QUERY,
  /** {@code ?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=..}. */
  V4_QUERY,
  /**
   * Something else ({@code OSS2}, AWS-style SigV4 in S3-compatible mode, or a malformed value).
   * The gateway must treat it as signing everything, host included.
   */
  UNSUPPORTED
}
