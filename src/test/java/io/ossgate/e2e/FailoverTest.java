package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.Faults;
import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.GatewayHarness.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The internal endpoint breaks; the internet endpoint of the same emulator serves instead. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class FailoverTest {

  private GatewayWithEmulator g;

  @BeforeEach
  void setUp(Vertx vertx) {
    g = GatewayWithEmulator.start(vertx,
        c -> c.timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10)), INTERNAL, INTERNET);
    g.emulator().store().put(GatewayWithEmulator.BUCKET, "k.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  @Test
  void uploadFailsOverWhenInternalRefusesConnections() {
    Await.on(g.vertx(), () -> g.emulator().faults(INTERNAL).set(Faults.none().withRefuseConnections(true)), 10);
    byte[] body = new byte[256 * 1024];
    new Random(8).nextBytes(body);

    Response put = g.send(HttpMethod.PUT, "/fo.bin", req -> { }, Buffer.buffer(body));

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.header("X-Ossgate-Endpoint")).isEqualTo("internet");
    RecordedRequest up = Await.of(g.emulator().requests().next(x -> true), 10);
    assertThat(g.emulator().requests().all()).hasSize(1);
    assertThat(up.endpoint()).isEqualTo(INTERNET);
    assertThat(up.host()).isEqualTo(g.bucketHost(INTERNET));
    assertThat(up.bodySha256()).isEqualTo(Digests.sha256Hex(body));
  }

  @Test
  void getFailsOverWhenInternalStalls() {
    Await.on(g.vertx(), () -> g.emulator().faults(INTERNAL).set(Faults.none().withStall(true)), 10);

    Response r = g.send(HttpMethod.GET, "/k.txt");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("hello");
    assertThat(r.header("X-Ossgate-Endpoint")).isEqualTo("internet");
    RecordedRequest served = Await.of(g.emulator().requests().next(x -> x.endpoint() == INTERNET), 10);
    assertThat(served.completed()).isTrue();
    RecordedRequest abandoned = Await.of(g.emulator().requests().next(x -> x.endpoint() == INTERNAL), 10);
    assertThat(abandoned.outcome()).isEqualTo(RecordedRequest.Outcome.CLIENT_CLOSED);
  }
}
