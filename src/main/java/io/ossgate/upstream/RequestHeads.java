package io.ossgate.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

/** The HTTP/1.1 request head an attempt sends upstream. */
final class RequestHeads {
  private RequestHeads() {}

  /**
   * {@code out}'s method, request-target and headers, with the Host the target (or the request's
   * override) names, and the body framing: the client's Content-Length when the body streams with
   * one, chunked when it streams without, the buffered body's length when it was read up front.
   */
  static AttemptRequest of(OutboundRequest out, UpstreamTarget target, Buffer bodyBuffer) {
    String host = out.hostOverride().orElse(target.hostHeader());
    boolean framingAsSent = bodyBuffer == null && !(out.hasBody() && out.chunked());
    if (framingAsSent && out.headers() instanceof HttpHeaders shared && !shared.contains(HttpHeaderNames.HOST)) {
      // Most requests: the outbound headers go as they are (read-only, so every attempt may share them).
      return new AttemptRequest(out.method().toNetty(), out.uri(), shared, host);
    }
    // The framing differs from the client's (or the map is not Netty's): a copy of this attempt's own.
    // The headers were validated when the client's request was parsed, or built by the gateway.
    // Vert.x's map copies another of its kind entry by entry, with no String made on the way.
    HeadersMultiMap headers = HeadersMultiMap.httpHeaders(null);
    headers.setAll(out.headers());
    headers.remove(HttpHeaderNames.HOST);
    if (bodyBuffer != null) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      headers.set(HttpHeaderNames.CONTENT_LENGTH, bodyBuffer.length());
    } else if (out.hasBody() && out.chunked()) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
      headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    return new AttemptRequest(out.method().toNetty(), out.uri(), headers, host);
  }
}
