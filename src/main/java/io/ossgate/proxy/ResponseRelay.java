package io.ossgate.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.ossgate.upstream.HopByHop;
import io.ossgate.upstream.UpstreamResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams an upstream response to the client. Writing the status is the commit point: after it no
 * other upstream can be tried, and a body that breaks must reach the client as a broken
 * connection, never as a short body that ends cleanly.
 */
final class ResponseRelay {
  private ResponseRelay() {}

  /** Response statuses that never carry a body (RFC 9110 §6.4.1). */
  static boolean bodyless(HttpMethod method, int status) {
    return method == HttpMethod.HEAD || status == 204 || status == 304 || (status >= 100 && status < 200);
  }

  /** The response's Content-Length, or -1 when it has none (or not a number). */
  static long declaredLength(UpstreamResponse response) {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Writes status and end-to-end headers. */
  static void writeHead(UpstreamResponse up, HttpServerResponse down, String endpointType, boolean closeAfter) {
    down.setStatusCode(up.statusCode());
    // Vert.x sends the standard reason phrase unless told otherwise; setting it again would
    // build a status object per response.
    String reason = up.statusMessage();
    if (reason != null && !reason.equals(HttpResponseStatus.valueOf(up.statusCode()).reasonPhrase())) {
      down.setStatusMessage(reason);
    }
    HopByHop.copyEndToEnd(up.headers(), down.headers());
    down.headers().set("X-Ossgate-Endpoint", endpointType);
    if (closeAfter) {
      Connections.closeAfter(down);
    }
  }
}
