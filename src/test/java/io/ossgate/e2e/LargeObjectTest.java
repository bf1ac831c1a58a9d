package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.GeneratedContent;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.oss.Crc64Ecma;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.PatternBody;
import io.ossgate.upstream.RelayMemory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Large bodies both ways, compared by SHA-256 and digested while they stream; the client's CRC-64
 * of what it streamed must match the {@code x-oss-hash-crc64ecma} the emulator answered with.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class LargeObjectTest {

  private GatewayWithEmulator g;

  @BeforeEach
  void setUp(Vertx vertx) {
    g = GatewayWithEmulator.start(vertx, INTERNAL);
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  @Test
  void download256MiBArrivesIdentical() {
    long size = 256L << 20;
    long seed = 42;
    g.emulator().store().putGenerated(GatewayWithEmulator.BUCKET, "big/256m.bin", size, seed, "application/octet-stream");

    AtomicLong received = new AtomicLong();
    Crc64Ecma crc = new Crc64Ecma();
    AtomicReference<HttpClientResponse> head = new AtomicReference<>();
    String sha = Await.on(g.vertx(), () -> g.request(HttpMethod.GET, "/big/256m.bin")
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          head.set(resp);
          return GatewayWithEmulator.digest(resp, received, crc);
        }), 50);

    assertThat(head.get().statusCode()).isEqualTo(200);
    assertThat(head.get().getHeader("Content-Length")).isEqualTo(Long.toString(size));
    assertThat(received).hasValue(size);
    assertThat(sha).isEqualTo(Digests.hex(GeneratedContent.sha256(seed, size)));
    assertThat(head.get().getHeader("x-oss-hash-crc64ecma")).isEqualTo(Crc64Ecma.toHeader(crc.value()));
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.GET, "/big/256m.bin");
    assertThat(up.completed()).isTrue();
    // All of it was relayed without copies, and each chunk went back for reuse once written, not
    // left for the GC.
    RelayMemory memory = g.harness().gateway().relayMemory();
    assertThat(memory.bytesRelayedWithoutCopy()).isEqualTo(size);
    assertThat(memory.directBytesInUse()).isLessThanOrEqualTo(2L * RelayMemory.MAX_READ_BYTES);
  }

  @Test
  void chunkedUpload64MiBArrivesIdentical() {
    PatternBody body = new PatternBody(64L << 20, 13);

    HttpClientResponse resp = Await.on(g.vertx(), () -> g.request(HttpMethod.PUT, "/big/up.bin")
        .compose(req -> {
          req.setChunked(true);
          body.writeTo(req, new AtomicLong());
          return req.response();
        }), 50);

    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("x-oss-hash-crc64ecma")).isEqualTo(Crc64Ecma.toHeader(body.crc64()));
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.PUT, "/big/up.bin");
    assertThat(up.bodyBytes()).isEqualTo(body.size());
    assertThat(up.bodySha256()).isEqualTo(body.sha256());
    assertThat(up.header("Transfer-Encoding")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("chunked"));
    assertThat(g.emulator().store().get(GatewayWithEmulator.BUCKET, "big/up.bin"))
        .hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(body.size()));
  }
}
