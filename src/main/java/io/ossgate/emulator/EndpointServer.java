package io.ossgate.emulator;

import io.ossgate.oss.EndpointType;
import io.ossgate.oss.OssError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The listener of one endpoint type. Applies the request-level faults (latency, stall, error rate)
 * before handing the exchange to {@link OssHandler}, and closes or reopens its listening socket
 * when {@code refuseConnections} changes.
 */
final class EndpointServer {

  private final Vertx vertx;
  private final EndpointSettings settings;
  private final String bindHost;
  private final OssHandler handler;
  private final RequestLog log;
  private final FaultControl faults;
  // Listen/close transitions run one after another, in the order they were asked for.
  private Future<Void> transitions = Future.succeededFuture();
  private HttpServer server;
  private int port;
  private boolean closed;

  EndpointServer(Vertx vertx, EndpointSettings settings, String bindHost, OssHandler handler, RequestLog log) {
    this.vertx = vertx;
    this.settings = settings;
    this.bindHost = bindHost;
    this.handler = handler;
    this.log = log;
    this.faults = new FaultControl(settings.type(), settings.faults(), this::applyListening);
  }

  EndpointType type() {
    return settings.type();
  }

  FaultControl faults() {
    return faults;
  }

  /** The bound port; stays the same while connections are refused. */
  synchronized int port() {
    return port;
  }

  /** Binds the port (then closes it again at once if connections are to be refused). */
  Future<Void> start() {
    return listen(settings.port()).compose(v -> applyListening(faults.get()));
  }

  synchronized Future<Void> close() {
    closed = true;
    transitions = transitions.transform(ar -> server == null ? Future.<Void>succeededFuture() : stopListening());
    return transitions;
  }

  private synchronized Future<Void> applyListening(Faults wanted) {
    transitions = transitions.transform(ar -> {
      synchronized (this) {
        if (closed) {
          return Future.<Void>succeededFuture();
        }
        if (wanted.refuseConnections() && server != null) {
          return stopListening();
        }
        if (!wanted.refuseConnections() && server == null) {
          return listen(port);
        }
        return Future.<Void>succeededFuture();
      }
    });
    return transitions;
  }

  private Future<Void> listen(int wantedPort) {
    HttpServerOptions options = new HttpServerOptions()
        .setHandle100ContinueAutomatically(false)
        .setTcpNoDelay(true)
        .setIdleTimeout(0);
    // Like OSS: TLS with SNI, HTTP/1.1 only.
    settings.tls().ifPresent(cert -> options.setSsl(true).setSni(true).setKeyCertOptions(cert.copy()));
    HttpServer s = vertx.createHttpServer(options);
    s.requestHandler(this::onRequest);
    return s.listen(wantedPort, bindHost).map(bound -> {
      synchronized (this) {
        server = bound;
        port = bound.actualPort();
      }
      return null;
    });
  }

  private Future<Void> stopListening() {
    HttpServer s;
    synchronized (this) {
      s = server;
      server = null;
    }
    return s.close();
  }

  private void onRequest(HttpServerRequest request) {
    if (declaresBody(request) || request.isEnded()) {
      request.pause(); // the handler decides when (and whether) to read the body
      handle(request);
    } else {
      // No body: handle once the request has fully arrived, so answers always follow the whole
      // request on a keep-alive connection.
      request.endHandler(v -> handle(request));
    }
  }

  private static boolean declaresBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    String te = request.getHeader("Transfer-Encoding");
    return (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked"))
        || (length != null && !length.trim().equals("0"));
  }

  private void handle(HttpServerRequest request) {
    Faults f = faults.get();
    Exchange ex = new Exchange(settings.type(), request, f, log);
    if (f.latency().isZero()) {
      afterLatency(ex, f);
    } else {
      vertx.setTimer(Math.max(1, f.latency().toMillis()), id -> afterLatency(ex, f));
    }
  }

  private void afterLatency(Exchange ex, Faults f) {
    if (f.stall()) {
      return; // never answer; recorded when the client gives up
    }
    if (faults.nextIsError(f)) {
      ex.sendError(f.errorStatus() == 503
          ? new OssError(503, "SlowDown", "Please reduce your request rate.")
          : new OssError(f.errorStatus(), "InternalError", "We encountered an internal error. Please try again."));
      return;
    }
    handler.handle(ex);
  }
}
