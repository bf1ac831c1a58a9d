package io.ossgate.oss;

import java.util.Objects;

/**
 * An OSS-style error: HTTP status, code and message, rendered as the XML body OSS uses
 * (oss-reference §7). Both the emulator and the gateway's own errors are built from this, so
 * clients and SDKs parse them the same way.
 */
public record OssError(int status, String code, String message) {

  public static final String CONTENT_TYPE = "application/xml";

  public OssError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (status < 300 || status > 599) {
      throw new IllegalArgumentException("status: " + status + " (expected: 300..599)");
    }
  }

  /** The XML body. {@code hostId} is the Host the request was addressed to. */
  public String toXml(String requestId, String hostId) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n");
    element(sb, "Code", code);
    element(sb, "Message", message);
    element(sb, "RequestId", requestId);
    element(sb, "HostId", hostId == null ? "" : hostId);
    sb.append("</Error>\n");
    return sb.toString();
  }

  private static void element(StringBuilder sb, String name, String value) {
    sb.append("  <").append(name).append('>').append(Xml.escape(value)).append("</").append(name).append(">\n");
  }

  // Codes OSS itself uses, and the ones the gateway adds for its own failures.
  public static OssError noSuchBucket(String bucket) {
    return new OssError(404, "NoSuchBucket", "The specified bucket does not exist: " + bucket);
  }

  public static OssError noSuchKey(String key) {
    return new OssError(404, "NoSuchKey", "The specified key does not exist.");
  }

  public static OssError accessDenied(String message) {
    return new OssError(403, "AccessDenied", message);
  }

  public static OssError secondLevelDomainForbidden() {
    return new OssError(403, "SecondLevelDomainForbidden",
        "The bucket you are attempting to access must be addressed using OSS third level domain.");
  }

  public static OssError methodNotAllowed(String method) {
    return new OssError(405, "MethodNotAllowed", "The specified method is not allowed against this resource: " + method);
  }

  public static OssError invalidArgument(String message) {
    return new OssError(400, "InvalidArgument", message);
  }
}
