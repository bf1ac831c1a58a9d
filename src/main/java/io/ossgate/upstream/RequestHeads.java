package io.ossgate.upstream;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
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
  static HttpRequest of(OutboundRequest out, UpstreamTarget target, Buffer bodyBuffer) {
    // The headers were validated when the client's request was parsed, or built by the gateway.
    // Vert.x's map copies another of its kind entry by entry, with no String made on the way.
    HeadersMultiMap headers = HeadersMultiMap.httpHeaders(null);
    headers.setAll(out.headers());
    headers.set(HttpHeaderNames.HOST, out.hostOverride().orElse(target.hostHeader()));
    HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, out.method().toNetty(), out.uri(), headers);
    if (bodyBuffer != null) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      headers.set(HttpHeaderNames.CONTENT_LENGTH, bodyBuffer.length());
    } else if (out.hasBody() && out.chunked()) {
      HttpUtil.setTransferEncodingChunked(head, true);
    }
    return head;
  }
}
