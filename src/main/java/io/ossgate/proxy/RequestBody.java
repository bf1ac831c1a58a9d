package io.ossgate.proxy;

import io.ossgate.oss.OssOperation;
import io.ossgate.upstream.OutboundRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The client's request body, as the attempts see it:
 * <ul>
 *   <li>{@link Mode#NONE}: no body; every attempt is free to repeat.
 *   <li>{@link Mode#BUFFERED}: a small body ({@code selection.replay-buffer}, Content-Length known)
 *       of an operation that is safe to repeat is read once, up front, so any attempt can resend
 *       it (unless the client sent {@code Expect: 100-continue}: then the upstream decides first).
 *   <li>{@link Mode#STREAMED}: everything else is piped from the client with backpressure and can
 *       be sent only once; after its first byte left, no other upstream may be tried.
 * </ul>
 * The only buffer is explicit and capped by configuration.
 */
final class RequestBody {

  enum Mode { NONE, BUFFERED, STREAMED }

  private final Mode mode;
  private final Buffer buffered;

  private RequestBody(Mode mode, Buffer buffered) {
    this.mode = mode;
    this.buffered = buffered;
  }

  static Future<RequestBody> prepare(HttpServerRequest in, OutboundRequest out, OssOperation operation,
      long replayCapBytes) {
    if (!out.hasBody()) {
      return Future.succeededFuture(new RequestBody(Mode.NONE, null));
    }
    long length = contentLength(in);
    // A client that asked for 100-continue wants the upstream to judge the request before it sends
    // the body: stream it, so a rejection still costs the client nothing.
    if (operation.retrySafe() && !out.expectContinue() && !out.chunked() && length >= 0 && length <= replayCapBytes) {
      Future<Buffer> read = in.body();
      in.resume(); // the request was paused on arrival; body() alone does not start the flow
      return read.map(body -> new RequestBody(Mode.BUFFERED, body));
    }
    return Future.succeededFuture(new RequestBody(Mode.STREAMED, null));
  }

  private static long contentLength(HttpServerRequest in) {
    String value = in.headers().get(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  Mode mode() {
    return mode;
  }

  /** The body to resend on every attempt, or null unless {@link Mode#BUFFERED}. */
  Buffer buffered() {
    return buffered;
  }

  /** True when an attempt that already sent the body may be followed by another attempt. */
  boolean replayable() {
    return mode != Mode.STREAMED;
  }
}
