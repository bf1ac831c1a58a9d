package io.ossgate.testing;

import io.ossgate.config.GatewayConfig;
import io.ossgate.server.Gateway;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts gateways and small origins on loopback for a test and closes them afterwards. Awaits only
 * on the JUnit thread.
 */
public final class GatewayHarness implements AutoCloseable {
  private final Vertx vertx;
  private final List<Runnable> closers = new ArrayList<>();
  private final HttpClientAgent client;
  private Gateway gateway;

  public GatewayHarness(Vertx vertx) {
    this.vertx = vertx;
    this.client = TestClients.create(vertx, new HttpClientOptions().setMaxChunkSize(64 * 1024));
  }

  public Vertx vertx() {
    return vertx;
  }

  public HttpClientAgent client() {
    return client;
  }

  public Gateway start(GatewayConfig config) {
    gateway = Await.on(vertx, () -> Gateway.start(vertx, config, 1), 10);
    Gateway g = gateway;
    closers.add(() -> Await.on(vertx, g::close, 10));
    return gateway;
  }

  /** Adopts a gateway started elsewhere (e.g. with a fake ticker); closes it with the harness. */
  public Gateway use(Gateway started) {
    gateway = started;
    closers.add(() -> Await.on(vertx, started::close, 10));
    return started;
  }

  /** GET on the gateway's admin listener. */
  public Response admin(String path) {
    return Await.on(vertx, () -> client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(gateway.adminPort()).setURI(path))
        .compose(HttpClientRequest::send)
        .compose(resp -> resp.body().map(body -> new Response(resp, body))));
  }

  public Gateway gateway() {
    return gateway;
  }

  /** An HTTP origin on a free loopback port. */
  public int origin(Handler<HttpServerRequest> handler) {
    HttpServer server = Await.on(vertx, () -> vertx.createHttpServer(
            new HttpServerOptions().setHandle100ContinueAutomatically(false))
        .requestHandler(handler)
        .listen(0, "127.0.0.1"), 10);
    closers.add(() -> Await.on(vertx, server::close, 10));
    return server.actualPort();
  }

  /** A raw TCP origin, for responses no well-behaved HTTP server would send. */
  public int rawOrigin(Handler<io.vertx.core.net.NetSocket> handler) {
    NetServer server = Await.on(vertx, () -> vertx.createNetServer().connectHandler(handler).listen(0, "127.0.0.1"), 10);
    closers.add(() -> Await.on(vertx, server::close, 10));
    return server.actualPort();
  }

  /** A loopback port with nothing listening on it. */
  public int closedPort() {
    NetServer server = Await.on(vertx, () -> vertx.createNetServer().connectHandler(s -> s.close())
        .listen(0, "127.0.0.1"), 10);
    int port = server.actualPort();
    Await.on(vertx, server::close, 10);
    return port;
  }

  /** Opens a request to the gateway with the given Host. */
  public Future<HttpClientRequest> request(HttpMethod method, String host, String uri) {
    return client.request(Requests.to(gateway.httpPort(), host, method, uri));
  }

  /** Sends a body-less request and collects the whole (small) response. */
  public Response send(HttpMethod method, String host, String uri) {
    return Await.on(vertx, () -> request(method, host, uri)
        .compose(HttpClientRequest::send)
        .compose(resp -> resp.body().map(body -> new Response(resp, body))));
  }

  /** A response with its small body, read fully. */
  public record Response(HttpClientResponse raw, Buffer body) {
    public int status() {
      return raw.statusCode();
    }

    public String header(String name) {
      return raw.getHeader(name);
    }

    public String text() {
      return body.toString();
    }
  }

  @Override
  public void close() {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).run();
      } catch (RuntimeException | AssertionError ignored) {
        // best effort: the Vertx instance is closed by the extension anyway
      }
    }
    client.close();
  }
}
