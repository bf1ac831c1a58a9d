package io.ossgate.proxy;

import io.ossgate.oss.OssError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Base64;

/**
 * Errors the gateway itself makes, shaped like OSS's own so SDKs parse them (oss-reference §7):
 * XML body, {@code x-oss-request-id}, and for HEAD the base64 XML in {@code x-oss-err}.
 */
public final class GatewayErrors {

  /** Codes of the gateway's own errors. OSS never sends these, so clients can tell them apart. */
  public static final String DOMAIN_NOT_CONFIGURED = "DomainNotConfigured";
  public static final String UPSTREAM_UNAVAILABLE = "UpstreamUnavailable";
  public static final String UPSTREAM_TIMEOUT = "UpstreamTimeout";
  public static final String CONNECT_NOT_SUPPORTED = "ConnectNotSupported";

  private GatewayErrors() {}

  /**
   * Answers {@code in} with {@code error} unless a response was already started. The request body,
   * if any, is drained and discarded; when it was not fully read the connection is closed after
   * the answer, because its framing can no longer be trusted.
   */
  public static void reply(HttpServerRequest in, OssError error, String requestId, String hostId) {
    reply(in, error, requestId, hostId, headers -> { });
  }

  /** As {@link #reply(HttpServerRequest, OssError, String, String)}, letting a site policy add headers (CORS). */
  public static void reply(HttpServerRequest in, OssError error, String requestId, String hostId,
      java.util.function.Consumer<io.vertx.core.MultiMap> decorate) {
    HttpServerResponse out = in.response();
    if (out.headWritten() || out.ended() || out.closed()) {
      return;
    }
    String xml = error.toXml(requestId, hostId);
    out.setStatusCode(error.status());
    out.putHeader("Content-Type", OssError.CONTENT_TYPE);
    out.putHeader("x-oss-request-id", requestId);
    if (!in.isEnded()) {
      Connections.closeAfter(out);
    }
    decorate.accept(out.headers());
    if (in.method() == HttpMethod.HEAD) {
      out.putHeader("x-oss-err", Base64.getEncoder().encodeToString(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      out.end();
    } else {
      out.end(Buffer.buffer(xml));
    }
    if (!in.isEnded()) {
      in.handler(null);
      in.resume();
    }
  }
}
