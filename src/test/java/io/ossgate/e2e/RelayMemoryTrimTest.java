package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.Await;
import io.ossgate.upstream.RelayMemory;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read buffers a download leaves in the event loops' free lists are freed once no read asks
 * for them: the gateway's own timer does it, within a few trim intervals, with no traffic at all.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = SECONDS)
class RelayMemoryTrimTest {

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
  void buffersKeptAfterADownloadAreFreedWhenIdle() {
    long size = 32L << 20;
    g.emulator().store().putGenerated(GatewayWithEmulator.BUCKET, "big/32m.bin", size, 7, "application/octet-stream");
    AtomicLong received = new AtomicLong();
    Await.on(g.vertx(), () -> g.request(HttpMethod.GET, "/big/32m.bin")
        .compose(HttpClientRequest::send)
        .compose(resp -> GatewayWithEmulator.digest(resp, received)), 30);
    assertThat(received).hasValue(size);

    RelayMemory memory = g.harness().gateway().relayMemory();
    // The download's buffers went back to the free lists for the next reads...
    assertThat(memory.directBytesCached()).isPositive();

    // ...and, with nothing read since, the timer frees them. Checked every 50 ms; a trim runs
    // every second, and a size is freed by the first trim after one with no take of it.
    Promise<Void> freed = Promise.promise();
    long poll = g.vertx().setPeriodic(50, id -> {
      if (memory.directBytesCached() == 0) {
        freed.tryComplete();
      }
    });
    try {
      Await.of(freed.future(), (int) (10 * RelayMemory.TRIM_INTERVAL_MILLIS / 1000));
    } finally {
      g.vertx().cancelTimer(poll);
    }
  }
}
