package io.ossgate.emulator;

import io.ossgate.oss.EndpointType;
import io.ossgate.oss.OssError;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request/response pair on an endpoint. Owns the OSS response basics (request id, Server),
 * request body accounting (bytes and SHA-256 for the log) and recording the exchange exactly once
 * when it ends. Confined to the event loop of its connection.
 */
final class Exchange {

  private final EndpointType endpoint;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Faults faults;
  private final RequestLog log;
  private final String requestId;
  private final String host;
  private final List<Map.Entry<String, String>> headers;
  private final MessageDigest bodySha = ObjectStore.newDigest("SHA-256");
  private final List<Runnable> closeListeners = new ArrayList<>(1);
  private long bodyBytes;
  private boolean recorded;
  private boolean bodyStarted;
  private boolean closed;

  Exchange(EndpointType endpoint, HttpServerRequest request, Faults faults, RequestLog log) {
    this.endpoint = endpoint;
    this.request = request;
    this.response = request.response();
    this.faults = faults;
    this.log = log;
    this.requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(java.util.Locale.ROOT);
    String h = request.headers().get("Host");
    this.host = h == null ? "" : h;
    this.headers = request.headers().entries().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    response.putHeader("Server", "AliyunOSS");
    response.putHeader("x-oss-request-id", requestId);
    // Vert.x calls the end handler when the response ends and also when it is disposed because the
    // connection closed; ended() tells the two apart.
    response.endHandler(v -> finished());
    response.closeHandler(v -> finished());
    response.exceptionHandler(e -> { }); // the close handler does the bookkeeping
    request.exceptionHandler(e -> { });
  }

  EndpointType endpoint() {
    return endpoint;
  }

  HttpServerRequest request() {
    return request;
  }

  HttpServerResponse response() {
    return response;
  }

  Faults faults() {
    return faults;
  }

  String host() {
    return host;
  }

  boolean isHead() {
    return request.method().name().equals("HEAD");
  }

  /** Runs when the connection closes before the response ended. */
  void onClose(Runnable listener) {
    closeListeners.add(listener);
  }

  /**
   * Reads the request body through {@code sink}, answering {@code Expect: 100-continue} first. The
   * request is paused until this is called; the sink may pause it again for backpressure.
   */
  void readBody(Handler<Buffer> sink, Handler<Void> end, Handler<Throwable> failure) {
    bodyStarted = true;
    if (request.isEnded()) {
      end.handle(null); // a bodyless request is handled after its end: nothing left to read
      return;
    }
    request.handler(chunk -> {
      account(chunk);
      sink.handle(chunk);
    });
    request.endHandler(end);
    request.exceptionHandler(failure);
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      response.writeContinue();
    }
    request.resume();
  }

  /** Reads and drops the request body, then runs {@code then}. */
  void discardBody(Runnable then) {
    readBody(chunk -> { }, v -> then.run(), e -> { });
  }

  /** Sends an OSS XML error (headers only for HEAD, with the XML base64 in x-oss-err). */
  void sendError(OssError error) {
    if (!request.isEnded() && !bodyStarted) {
      if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
        // The client waits for our go-ahead: answer now and drop the connection instead of the body.
        response.putHeader("Connection", "close");
      } else {
        discardBody(() -> sendError(error));
        return;
      }
    }
    if (response.ended() || response.headWritten()) {
      return;
    }
    String xml = error.toXml(requestId, host);
    response.setStatusCode(error.status());
    response.putHeader("Content-Type", OssError.CONTENT_TYPE);
    if (isHead()) {
      response.putHeader("x-oss-err", Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)));
      response.putHeader("Content-Length", "0");
      response.end();
    } else {
      response.end(xml);
    }
  }

  /** Ends a response without a body. */
  void sendEmpty(int status) {
    response.setStatusCode(status);
    response.putHeader("Content-Length", "0");
    response.end();
  }

  /** Sends a small XML document with status 200. */
  void sendXml(String xml) {
    response.setStatusCode(200);
    response.putHeader("Content-Type", OssError.CONTENT_TYPE);
    response.end(xml);
  }

  /** An injected reset: close the connection once what was written so far is flushed. */
  void resetByFault() {
    record(RecordedRequest.Outcome.RESET_BY_FAULT);
    request.connection().close();
  }

  private void finished() {
    if (response.ended()) {
      record(RecordedRequest.Outcome.COMPLETED);
    } else if (!closed) {
      closed = true;
      record(RecordedRequest.Outcome.CLIENT_CLOSED);
      closeListeners.forEach(Runnable::run);
    }
  }

  private void account(Buffer chunk) {
    bodyBytes += chunk.length();
    for (ByteBuffer nio : ((BufferInternal) chunk).getByteBuf().nioBuffers()) {
      bodySha.update(nio);
    }
  }

  private void record(RecordedRequest.Outcome outcome) {
    if (recorded) {
      return;
    }
    recorded = true;
    int status = response.headWritten() ? response.getStatusCode() : 0;
    log.add(new RecordedRequest(endpoint, request.method().name(), host, request.uri(), headers, bodyBytes,
        HexFormat.of().formatHex(bodySha.digest()), status, outcome));
  }
}
