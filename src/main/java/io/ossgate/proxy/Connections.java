package io.ossgate.proxy;

import io.vertx.core.http.HttpServerResponse;

/**
 * Connection-level signals, which only HTTP/1.x has. HTTP/2 forbids connection-specific headers
 * (RFC 9113 §8.2.2) — one stream must never close the connection its neighbours share — so there
 * the stream ends or is reset on its own.
 */
public final class Connections {
  private Connections() {}

  /** True for an HTTP/2 stream (HTTP/1.x responses have no stream id). */
  public static boolean isHttp2(HttpServerResponse response) {
    return response.streamId() >= 0;
  }

  /** Asks an HTTP/1.x client to close the connection after this response; nothing on HTTP/2. */
  public static void closeAfter(HttpServerResponse response) {
    if (!isHttp2(response)) {
      response.headers().set("Connection", "close");
    }
  }
}
