package io.ossgate.emulator;

import io.ossgate.oss.Crc64Ecma;
import io.ossgate.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * A raw HTTP/1.1 client for emulator tests: explicit Host header, whole or digested bodies. Every
 * chain is built on a Vert.x context (see {@link Await#on}), so callers may wait on the returned
 * futures from the JUnit thread.
 */
final class TestClient {

  record Response(int status, MultiMap headers, Buffer body) {
    String header(String name) {
      return headers.get(name);
    }

    String text() {
      return body.toString();
    }
  }

  /** A body consumed on the fly: status, headers, byte count, SHA-256 (hex) and CRC-64. */
  record Digested(int status, MultiMap headers, long bytes, String sha256, long crc64) {}

  private final Vertx vertx;
  private final HttpClient client;

  TestClient(Vertx vertx) {
    this(vertx, new HttpClientOptions().setKeepAlive(false));
  }

  TestClient(Vertx vertx, HttpClientOptions options) {
    this.vertx = vertx;
    this.client = io.ossgate.testing.TestClients.create(vertx, options);
  }

  static RequestOptions options(HttpMethod method, int port, String host, String uri) {
    return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
        .putHeader("Host", host);
  }

  Future<Response> send(HttpMethod method, int port, String host, String uri) {
    return send(options(method, port, host, uri), null);
  }

  Future<Response> send(HttpMethod method, int port, String host, String uri, Map<String, String> headers, Buffer body) {
    RequestOptions o = options(method, port, host, uri);
    headers.forEach(o::putHeader);
    return send(o, body);
  }

  Future<Response> send(RequestOptions options, Buffer body) {
    return Await.onContext(vertx, () -> client.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b))));
  }

  Future<Digested> digest(RequestOptions options) {
    return Await.onContext(vertx, () -> client.request(options).compose(req -> req.send()).compose(this::digest));
  }

  private Future<Digested> digest(HttpClientResponse resp) {
    MessageDigest sha = sha256();
    Crc64Ecma crc = new Crc64Ecma();
    long[] n = {0};
    resp.handler(b -> {
      n[0] += b.length();
      byte[] bytes = b.getBytes();
      sha.update(bytes);
      crc.update(bytes);
    });
    return resp.end().map(v -> new Digested(resp.statusCode(), resp.headers(), n[0], HexFormat.of().formatHex(sha.digest()),
        crc.value()));
  }

  Future<Void> close() {
    return Await.onContext(vertx, client::close);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }
}
