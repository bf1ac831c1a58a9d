package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that goes away mid-transfer makes the gateway abandon the upstream exchange too. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class ClientAbortTest {

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
  void abortedDownloadIsClosedUpstream() {
    long size = 1L << 30;
    g.emulator().store().putGenerated(GatewayWithEmulator.BUCKET, "huge.bin", size, 3, "application/octet-stream");

    Promise<Long> closedAfter = Promise.promise();
    Await.on(g.vertx(), () -> g.request(HttpMethod.GET, "/huge.bin").compose(HttpClientRequest::send).onSuccess(resp -> {
      long[] seen = {0};
      resp.handler(buf -> {
        seen[0] += buf.length();
        if (seen[0] >= (1 << 20) && !closedAfter.future().isComplete()) {
          resp.request().connection().close();
          closedAfter.tryComplete(seen[0]);
        }
      });
    }), 10);
    long clientBytes = Await.of(closedAfter.future(), 10);

    RecordedRequest up = Await.of(g.emulator().requests().next(r -> r.uri().equals("/huge.bin")), 10);
    assertThat(up.outcome())
        .as("upstream requests %s; the client left after %d bytes", g.emulator().requests().all(), clientBytes)
        .isEqualTo(RecordedRequest.Outcome.CLIENT_CLOSED);
    assertThat(up.status()).isEqualTo(200);
    assertThat(clientBytes).isLessThan(size);
  }

  @Test
  void abortedUploadIsNotCompletedUpstream() {
    long declared = 64L << 20;
    Promise<Void> continued = Promise.promise();
    HttpClientRequest upload = Await.on(g.vertx(), () -> g.request(HttpMethod.PUT, "/half.bin").compose(req -> {
      req.putHeader("Content-Length", Long.toString(declared));
      // 100-continue makes the upstream exchange observable: the emulator sends the 100 only once
      // it is reading the body, and the gateway relays it.
      req.putHeader("Expect", "100-continue");
      req.continueHandler(v -> continued.tryComplete());
      return req.sendHead().map(req);
    }), 10);
    Await.of(continued.future(), 10);

    Await.on(g.vertx(), () -> upload.write(Buffer.buffer(new byte[1 << 20])), 10);
    Await.on(g.vertx(), () -> upload.connection().close(), 10);

    RecordedRequest up = Await.of(g.emulator().requests().next(r -> r.uri().equals("/half.bin")), 10);
    assertThat(up.completed()).isFalse();
    assertThat(up.outcome()).isEqualTo(RecordedRequest.Outcome.CLIENT_CLOSED);
    assertThat(up.bodyBytes()).isLessThan(declared);
    assertThat(g.emulator().requests().all()).hasSize(1);
    assertThat(g.emulator().store().get(GatewayWithEmulator.BUCKET, "half.bin")).isEmpty();
  }
}
