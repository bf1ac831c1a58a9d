package io.ossgate.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The head of one attempt's request. Its headers are the outbound request's map, which every
 * attempt of the exchange shares and nothing here writes to; its Host (the bucket domain of this
 * attempt's upstream, or the request's override) is its own, and {@link UpstreamHttpCodec} writes
 * it as the first header line. So an attempt costs no copy of the request's headers.
 */
final class AttemptRequest extends DefaultHttpRequest {
  private final String host;

  AttemptRequest(HttpMethod method, String uri, HttpHeaders sharedHeaders, String host) {
    super(HttpVersion.HTTP_1_1, method, uri, sharedHeaders);
    this.host = host;
  }

  /** The whole request as one message, with {@code content} as its entire body. */
  FullHttpRequest withContent(ByteBuf content) {
    return new Full(this, content);
  }

  /** The Host line the codec writes for {@code request}, or null when its headers carry it. */
  static String hostOf(HttpRequest request) {
    if (request instanceof AttemptRequest attempt) {
      return attempt.host;
    }
    return request instanceof Full full ? full.host : null;
  }

  @Override
  public String toString() {
    return method() + " " + uri() + " (Host: " + host + ")";
  }

  private static final class Full extends DefaultFullHttpRequest {
    private final String host;

    Full(AttemptRequest head, ByteBuf content) {
      super(head.protocolVersion(), head.method(), head.uri(), content, head.headers(), EmptyHttpHeaders.INSTANCE);
      this.host = head.host;
    }
  }
}
