package io.ossgate.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on one upstream connection: Netty's request encoder and response decoder, paired as
 * Netty's {@code HttpClientCodec} pairs them, with one exchange at a time (the client never
 * pipelines), and with the names of the response headers origins send on every response taken
 * from {@link KnownHeaderNames} instead of copied out of every response.
 */
final class UpstreamHttpCodec
    extends CombinedChannelDuplexHandler<UpstreamHttpCodec.ResponseDecoder, UpstreamHttpCodec.RequestEncoder> {

  UpstreamHttpCodec(HttpDecoderConfig config) {
    ResponseDecoder decoder = new ResponseDecoder(config);
    init(decoder, new RequestEncoder(decoder));
  }

  /**
   * Netty's request encoder, which also tells the decoder the method of each request it encodes (a
   * HEAD's response has no body) and writes an attempt's own Host line (see {@link AttemptRequest}).
   */
  static final class RequestEncoder extends HttpRequestEncoder {
    private static final byte[] HOST = "Host: ".getBytes(StandardCharsets.US_ASCII);
    private static final short CRLF = ('\r' << 8) | '\n';
    private final ResponseDecoder decoder;

    RequestEncoder(ResponseDecoder decoder) {
      this.decoder = decoder;
    }

    @Override
    protected void encodeInitialLine(ByteBuf buf, HttpRequest request) throws Exception {
      decoder.requestSent(request.method());
      super.encodeInitialLine(buf, request);
      String host = AttemptRequest.hostOf(request);
      if (host != null) {
        // The headers follow the request line: Host goes first, as clients write it.
        buf.writeBytes(HOST);
        ByteBufUtil.writeAscii(buf, host);
        buf.writeShort(CRLF);
      }
    }
  }

  /** Netty's response decoder, told the method of the request in flight. */
  static final class ResponseDecoder extends HttpResponseDecoder {
    private boolean headRequest;

    ResponseDecoder(HttpDecoderConfig config) {
      super(config);
    }

    void requestSent(HttpMethod method) {
      headRequest = HttpMethod.HEAD.equals(method);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
      // A HEAD's final response declares the length of a body it does not carry. (Its interim
      // responses, 100 and 101, are decided as for any request.)
      int status = ((HttpResponse) message).status().code();
      if (headRequest && status != 100 && status != 101) {
        return true;
      }
      return super.isContentAlwaysEmpty(message);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] line, int start, int length) {
      AsciiString known = KnownHeaderNames.find(line, start, length);
      return known != null ? known : super.splitHeaderName(line, start, length);
    }
  }
}
