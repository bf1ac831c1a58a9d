package io.ossgate.emulator;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.PUT;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(10)
class EmulatorFaultsTest {

  static final String BUCKET = "demo-bucket";
  static final String HOST = "demo-bucket.oss-cn-hangzhou.aliyuncs.com";
  static final int SIZE = 1 << 20;

  Vertx vertx;
  Emulator emu;
  TestClient http;
  int port;
  FaultControl faults;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    emu = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(BUCKET, "cn-hangzhou")),
        List.of(EndpointSettings.of(EndpointType.INTERNET))).withControlPort(0)), 5);
    http = new TestClient(vertx);
    port = emu.port(EndpointType.INTERNET);
    faults = emu.faults(EndpointType.INTERNET);
    emu.store().putGenerated(BUCKET, "big.bin", SIZE, 9, null);
  }

  @AfterEach
  void stop() throws Exception {
    http.close().await(5, SECONDS);
    Await.on(vertx, emu::close, 5);
  }

  /** Changes the faults; refusing connections closes and reopens the listening socket. */
  void setFaults(Faults f) {
    Await.on(vertx, () -> faults.set(f), 5);
  }

  RequestOptions getBig() {
    return TestClient.options(GET, port, HOST, "/big.bin");
  }

  @Test
  void refusedConnectionsFailToConnectUntilCleared() throws Exception {
    setFaults(Faults.none().withRefuseConnections(true));

    assertThatThrownBy(() -> http.send(GET, port, HOST, "/big.bin").await(5, SECONDS))
        .hasMessageContaining("refused");

    setFaults(Faults.none());
    assertThat(emu.port(EndpointType.INTERNET)).isEqualTo(port);
    assertThat(http.digest(getBig()).await(5, SECONDS).bytes()).isEqualTo(SIZE);
  }

  @Test
  void resetAfterBytesCutsTheBody() throws Exception {
    setFaults(Faults.none().withResetAfterBytes(100_000));

    assertThatThrownBy(() -> http.digest(getBig()).await(5, SECONDS)).isNotNull();

    var record = emu.requests().next(r -> r.uri().equals("/big.bin")).await(5, SECONDS);
    assertThat(record.outcome()).isEqualTo(RecordedRequest.Outcome.RESET_BY_FAULT);
    assertThat(record.status()).isEqualTo(200);
  }

  @Test
  void errorRateAnswersWithOssErrorsDeterministically() throws Exception {
    setFaults(Faults.none().withErrorRate(100, 503));
    var slow = http.send(GET, port, HOST, "/big.bin").await(5, SECONDS);

    setFaults(Faults.none().withErrorRate(50, 500));
    int failures = 0;
    for (int i = 0; i < 4; i++) {
      var r = http.send(GET, port, HOST, "/missing").await(5, SECONDS);
      if (r.status() == 500) {
        assertThat(r.text()).contains("<Code>InternalError</Code>");
        failures++;
      } else {
        assertThat(r.status()).isEqualTo(404);
      }
    }

    assertThat(slow.status()).isEqualTo(503);
    assertThat(slow.text()).contains("<Code>SlowDown</Code>");
    assertThat(failures).isEqualTo(2);
  }

  @Test
  void stallNeverAnswersAndTheAbortIsRecorded() throws Exception {
    setFaults(Faults.none().withStall(true));

    assertThatThrownBy(() -> http.send(getBig().setIdleTimeout(200), null).await(5, SECONDS)).isNotNull();

    var record = emu.requests().next(r -> r.uri().equals("/big.bin")).await(5, SECONDS);
    assertThat(record.outcome()).isEqualTo(RecordedRequest.Outcome.CLIENT_CLOSED);
    assertThat(record.status()).isZero();
  }

  @Test
  void stallAfterBytesSendsHeadersThenStops(Vertx vertx) throws Exception {
    setFaults(Faults.none().withStallAfterBytes(1000));
    // A connection idle timeout also covers a body that stops moving after the headers.
    HttpClient client = io.ossgate.testing.TestClients.create(vertx, new HttpClientOptions().setIdleTimeout(300).setIdleTimeoutUnit(MILLISECONDS));
    long[] received = {0};

    var status = Await.on(vertx, () -> client.request(getBig()).compose(HttpClientRequest::send).map(resp -> {
      resp.handler(b -> received[0] += b.length());
      return resp;
    }), 5);

    assertThat(status.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> Await.on(vertx, status::end, 5)).isNotNull();
    assertThat(received[0]).isEqualTo(1000);
  }

  @Test
  void latencyDelaysResponseHeaders() throws Exception {
    setFaults(Faults.none().withLatency(Duration.ofSeconds(2)));

    assertThatThrownBy(() -> http.send(getBig().setIdleTimeout(150), null).await(5, SECONDS)).isNotNull();

    setFaults(Faults.none());
    assertThat(http.send(getBig().setIdleTimeout(150), null).await(5, SECONDS).status()).isEqualTo(200);
  }

  @Test
  void bandwidthCapPacesTheBody() throws Exception {
    setFaults(Faults.none().withBandwidth(1_000_000));
    var range = getBig().putHeader("Range", "bytes=0-199999");

    long start = System.nanoTime();
    var paced = http.digest(range).await(5, SECONDS);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(paced.bytes()).isEqualTo(200_000);
    assertThat(paced.sha256()).isEqualTo(TestClient.sha256Hex(GeneratedContent.bytes(9, 0, 200_000)));
    // 200 kB at 1 MB/s with a 20 kB initial burst cannot finish in under 180 ms.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(175);
  }

  @Test
  void controlApiChangesFaults() throws Exception {
    int control = emu.controlPort().orElseThrow();
    var set = http.send(PUT, control, "localhost", "/faults/internet", Map.of("Content-Type", "application/json"),
        Buffer.buffer("{\"error-rate-percent\": 100, \"error-status\": 500, \"latency\": \"5ms\"}")).await(5, SECONDS);
    var failing = http.send(GET, port, HOST, "/big.bin").await(5, SECONDS);
    var patched = http.send(PATCH, control, "localhost", "/faults/internet", Map.of(),
        Buffer.buffer("{\"error-rate-percent\": 0}")).await(5, SECONDS);
    var listed = http.send(GET, control, "localhost", "/endpoints").await(5, SECONDS);
    var bad = http.send(PUT, control, "localhost", "/faults/internet", Map.of(),
        Buffer.buffer("{\"latency\": \"soon\"}")).await(5, SECONDS);
    var cleared = http.send(DELETE, control, "localhost", "/faults").await(5, SECONDS);
    var log = http.send(GET, control, "localhost", "/requests?limit=1").await(5, SECONDS);

    assertThat(set.status()).isEqualTo(200);
    assertThat(failing.status()).isEqualTo(500);
    assertThat(failing.text()).contains("<Code>InternalError</Code>");
    assertThat(patched.text()).contains("\"latency\" : \"5ms\"").contains("\"error-rate-percent\" : 0");
    assertThat(listed.text()).contains("\"port\" : " + port).contains(HOST);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("body.latency");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(faults.get()).isEqualTo(Faults.none());
    assertThat(log.text()).contains("\"uri\" : \"/big.bin\"").contains("\"status\" : 500");
  }

  @Test
  void recordsAnUploadTheClientAbandoned(Vertx vertx) throws Exception {
    HttpClient client = io.ossgate.testing.TestClients.create(vertx);
    var options = TestClient.options(PUT, port, HOST, "/upload.bin").putHeader("Content-Length", "1000000");

    Await.on(vertx, () -> client.request(options).compose(req -> req.write(Buffer.buffer(new byte[100_000]))
        .compose(v -> req.connection().close())), 5);

    var record = emu.requests().next(r -> r.method().equals("PUT")).await(5, SECONDS);
    assertThat(record.outcome()).isEqualTo(RecordedRequest.Outcome.CLIENT_CLOSED);
    assertThat(record.bodyBytes()).isLessThanOrEqualTo(100_000);
    assertThat(record.header("Content-Length")).contains("1000000");
    assertThat(emu.store().get(BUCKET, "upload.bin")).isEmpty();
  }
}
