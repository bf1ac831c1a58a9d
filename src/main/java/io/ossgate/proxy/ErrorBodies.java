package io.ossgate.proxy;

import io.ossgate.oss.OssErrorParser;
import io.vertx.core.buffer.Buffer;
import io.ossgate.upstream.UpstreamResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;

/**
 * OSS puts the precise error code in the XML body (or, for HEAD, base64 XML in {@code x-oss-err}).
 * Some codes decide whether another upstream should be tried (PublicEndpointForbidden means this
 * endpoint type cannot serve the bucket at all), so small error bodies are read before the
 * response is committed. Capped: a large or unframed error body is never held.
 */
final class ErrorBodies {
  static final int MAX_PEEK_BYTES = 64 * 1024;

  private ErrorBodies() {}

  /** True when the response is an error whose whole body is small enough to read first. */
  static boolean worthReading(HttpMethod method, UpstreamResponse response) {
    if (response.statusCode() < 400 || method == HttpMethod.HEAD) {
      return false;
    }
    String length = response.headers().get(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return false;
    }
    try {
      long n = Long.parseLong(length.trim());
      return n >= 0 && n <= MAX_PEEK_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The OSS error code in a body read by {@link #worthReading}, or null. */
  static String code(Buffer body) {
    return body == null ? null : OssErrorParser.code(body.toString(StandardCharsets.UTF_8));
  }

  /** The code of a body-less error response, from {@code x-oss-err}, or null. */
  static String codeFromHeader(UpstreamResponse response) {
    return OssErrorParser.codeFromErrHeader(response.getHeader("x-oss-err"));
  }
}
