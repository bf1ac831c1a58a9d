package io.ossgate.signing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An in-process ECS metadata service on loopback, port 0. */
final class FakeMetadataServer implements AutoCloseable {

  static final String ROLE = "gateway-role";
  static final String TOKEN = "imds-session-token";

  /** One request as the server saw it. */
  record Seen(String method, String path, String ttlHeader, String tokenHeader) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger credentialFetches = new AtomicInteger();
  /** The next credentials response: status and body. */
  final AtomicReference<int[]> credentialStatus = new AtomicReference<>(new int[] {200});
  final AtomicReference<String> credentialBody = new AtomicReference<>();
  /** When set, credential responses wait for it (to hold a fetch in flight). */
  final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>();
  volatile boolean tokenEndpointEnabled = true;

  FakeMetadataServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void serveCredentials(String id, String secret, String token, Instant expiration) {
    credentialStatus.set(new int[] {200});
    credentialBody.set("{\"AccessKeyId\":\"" + id + "\",\"AccessKeySecret\":\"" + secret
        + "\",\"SecurityToken\":\"" + token + "\",\"Expiration\":\"" + expiration
        + "\",\"LastUpdated\":\"2024-01-01T00:00:00Z\",\"Code\":\"Success\"}");
  }

  void fail(int status) {
    credentialStatus.set(new int[] {status});
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    seen.add(new Seen(method, path,
        ex.getRequestHeaders().getFirst(EcsMetadataClient.TOKEN_TTL_HEADER),
        ex.getRequestHeaders().getFirst(EcsMetadataClient.TOKEN_HEADER)));
    ex.getRequestBody().readAllBytes();
    if (path.equals(EcsMetadataClient.TOKEN_PATH) && method.equals("PUT")) {
      if (tokenEndpointEnabled) {
        reply(ex, 200, TOKEN);
      } else {
        reply(ex, 404, "not found");
      }
    } else if (path.equals(EcsMetadataClient.ROLE_PATH)) {
      reply(ex, 200, ROLE);
    } else if (path.equals(EcsMetadataClient.ROLE_PATH + ROLE)) {
      credentialFetches.incrementAndGet();
      CompletableFuture<Void> g = gate.get();
      if (g != null) {
        try {
          g.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          reply(ex, 500, "gate");
          return;
        }
      }
      int status = credentialStatus.get()[0];
      // A failing server still echoes the secret-bearing body: the client must not repeat it.
      reply(ex, status, status == 200 ? credentialBody.get()
          : "{\"Code\":\"Failure\",\"AccessKeySecret\":\"LEAKED-SECRET\"}");
    } else {
      reply(ex, 404, "no such path");
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
