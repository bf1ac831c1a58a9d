package io.ossgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.Crc64Ecma;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An emulated OSS (bucket {@code demo-bucket} in {@code cn-hangzhou}) with the endpoint types a test
 * asks for, and a gateway in front of it whose site {@code static.test} uses those endpoints in the
 * same order. Everything runs on real loopback sockets; awaits happen only on the JUnit thread.
 */
final class GatewayWithEmulator implements AutoCloseable {

  static final String BUCKET = TestConfigs.BUCKET.value();

  private final Emulator emulator;
  private final GatewayHarness harness;

  private GatewayWithEmulator(Emulator emulator, GatewayHarness harness) {
    this.emulator = emulator;
    this.harness = harness;
  }

  /** Emulator and gateway with default timeouts. */
  static GatewayWithEmulator start(Vertx vertx, EndpointType... endpoints) {
    return start(vertx, UnaryOperator.identity(), endpoints);
  }

  /**
   * Starts the emulator playing {@code endpoints}, then a gateway whose config is
   * {@code TestConfigs.site()} with those endpoints (in order), adjusted by {@code config}.
   */
  static GatewayWithEmulator start(Vertx vertx, UnaryOperator<TestConfigs> config, EndpointType... endpoints) {
    List<EndpointSettings> eps = Arrays.stream(endpoints).map(EndpointSettings::of).toList();
    Emulator emu = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, TestConfigs.REGION.value())), eps)), 10);
    GatewayHarness harness = new GatewayHarness(vertx);
    try {
      TestConfigs site = TestConfigs.site();
      for (EndpointType t : endpoints) {
        site.endpoint(t, emu.port(t));
      }
      harness.start(config.apply(site).build());
    } catch (RuntimeException e) {
      harness.close();
      Await.on(vertx, emu::close, 10);
      throw e;
    }
    return new GatewayWithEmulator(emu, harness);
  }

  Emulator emulator() {
    return emulator;
  }

  GatewayHarness harness() {
    return harness;
  }

  Vertx vertx() {
    return harness.vertx();
  }

  /** The bucket domain of an endpoint type: what the gateway must send as Host. */
  String bucketHost(EndpointType type) {
    return emulator.bucketHost(BUCKET, type);
  }

  /** Opens a request to the gateway for the site's domain. */
  Future<HttpClientRequest> request(HttpMethod method, String uri) {
    return harness.request(method, TestConfigs.DOMAIN, uri);
  }

  /** A body-less request, whole (small) response. */
  GatewayHarness.Response send(HttpMethod method, String uri) {
    return send(method, uri, req -> { }, null);
  }

  /**
   * Sends a request with the headers {@code prepare} sets and an optional body with
   * Content-Length, and reads the whole (small) response.
   */
  GatewayHarness.Response send(HttpMethod method, String uri, Consumer<HttpClientRequest> prepare, Buffer body) {
    return Await.on(harness.vertx(), () -> request(method, uri)
        .compose(req -> {
          prepare.accept(req);
          return body == null ? req.send() : req.send(body);
        })
        .compose(resp -> resp.body().map(b -> new GatewayHarness.Response(resp, b))), 20);
  }

  /** Sends {@code body} with {@code Transfer-Encoding: chunked}, in pieces of {@code piece} bytes. */
  GatewayHarness.Response sendChunked(HttpMethod method, String uri, byte[] body, int piece) {
    return Await.on(harness.vertx(), () -> request(method, uri)
        .compose(req -> {
          req.setChunked(true);
          for (int off = 0; off < body.length; off += piece) {
            req.write(Buffer.buffer(Arrays.copyOfRange(body, off, Math.min(body.length, off + piece))));
          }
          req.end();
          return req.response();
        })
        .compose(resp -> resp.body().map(b -> new GatewayHarness.Response(resp, b))), 20);
  }

  /**
   * Waits for the upstream request the last exchange caused, checks it was the only one and
   * reached the internal endpoint with the bucket domain as Host and method and URI unchanged, then
   * clears the log for the next step.
   */
  RecordedRequest onlyUpstreamRequest(HttpMethod method, String uri) {
    RecordedRequest r = Await.of(emulator.requests().next(x -> true), 10);
    assertThat(emulator.requests().all()).as("upstream requests for %s %s", method, uri).hasSize(1);
    assertThat(r.endpoint()).isEqualTo(EndpointType.INTERNAL);
    assertThat(r.host()).isEqualTo(bucketHost(EndpointType.INTERNAL));
    assertThat(r.method()).isEqualTo(method.name());
    assertThat(r.uri()).isEqualTo(uri);
    emulator.requests().clear();
    return r;
  }

  /**
   * Reads a response body into a SHA-256 digest and a byte count without keeping it. Call it on the
   * response's context (inside a compose of the request future).
   */
  static Future<String> digest(HttpClientResponse resp, AtomicLong received) {
    return digest(resp, received, bytes -> { });
  }

  /** Like {@link #digest(HttpClientResponse, AtomicLong)}, also feeding every byte to {@code crc}. */
  static Future<String> digest(HttpClientResponse resp, AtomicLong received, Crc64Ecma crc) {
    return digest(resp, received, crc::update);
  }

  private static Future<String> digest(HttpClientResponse resp, AtomicLong received, Consumer<byte[]> alsoFeed) {
    MessageDigest md = Digests.sha256();
    resp.handler(buf -> {
      received.addAndGet(buf.length());
      byte[] bytes = buf.getBytes();
      md.update(bytes);
      alsoFeed.accept(bytes);
    });
    return resp.end().map(v -> Digests.hex(md.digest()));
  }

  /**
   * Builds {@code chain} on a Vert.x context and turns it into its failure cause (null when it
   * succeeded), waiting at most {@code seconds}.
   */
  Throwable failureOf(Supplier<Future<?>> chain, int seconds) {
    return Await.on(vertx(), () -> chain.get().transform(ar -> Future.<Throwable>succeededFuture(ar.cause())), seconds);
  }

  @Override
  public void close() {
    harness.close();
    Await.on(vertx(), emulator::close, 10);
  }
}
