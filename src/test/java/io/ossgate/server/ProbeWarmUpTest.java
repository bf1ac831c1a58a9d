package io.ossgate.server;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static io.ossgate.oss.EndpointType.INTERNET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.SelectionPolicy;
import io.ossgate.config.SelectionSettings;
import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.Requests;
import io.ossgate.testing.TestConfigs;
import io.ossgate.upstream.LoopProbeTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Probes go out through the event loops' own upstream clients, and the start-up warm-up leaves
 * each loop with a connection to each upstream: the first requests on a fresh gateway open none.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class ProbeWarmUpTest {

  private static final int LOOPS = 2;

  private GatewayHarness h;

  @BeforeEach
  void setUp(Vertx vertx) {
    h = new GatewayHarness(vertx);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /** What one origin saw: every request with the connection it came on. */
  private static final class Origin {
    final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
    final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();

    void handle(HttpServerRequest req) {
      requests.add(req);
      connections.add(req.connection());
      req.response().putHeader("x-oss-request-id", "5F1E2D3C4B5A69788796A5B4").setStatusCode(
          req.path().equals(LoopProbeTransport.PROBE_PATH) ? 404 : 200).end();
    }

    long probes() {
      return requests.stream().filter(r -> r.path().equals(LoopProbeTransport.PROBE_PATH)).count();
    }

    Set<HttpConnection> probeConnections() {
      Set<HttpConnection> set = ConcurrentHashMap.newKeySet();
      requests.stream().filter(r -> r.path().equals(LoopProbeTransport.PROBE_PATH))
          .forEach(r -> set.add(r.connection()));
      return set;
    }
  }

  @Test
  void startUpWarmsEveryLoopsPoolAndFirstRequestsReuseIt() {
    Map<io.ossgate.oss.EndpointType, Origin> origins = Map.of(INTERNAL, new Origin(), INTERNET, new Origin());
    int internal = h.origin(origins.get(INTERNAL)::handle);
    int internet = h.origin(origins.get(INTERNET)::handle);
    // One probe round at start only: the periodic ones would not come within the test. Ordered:
    // every request goes to internal, whatever the two loopback origins' latencies.
    SelectionSettings d = SelectionSettings.defaults();
    SelectionSettings selection = new SelectionSettings(SelectionPolicy.ORDERED, d.decay(), d.hysteresisPercent(),
        d.costTolerancePercent(), Duration.ofHours(1), d.probeTimeout(), d.breaker(), d.retryBudgetPercent(),
        d.replayBufferBytes(), d.resumeAttempts());
    Vertx vertx = h.vertx();
    h.use(Await.on(vertx, () -> Gateway.start(vertx, TestConfigs.site().endpoint(INTERNAL, internal)
        .endpoint(INTERNET, internet).selection(selection).build(), LOOPS), 10));

    for (Origin origin : origins.values()) {
      // The warm-up: one probe from each loop, each on a connection of that loop's pool; then the
      // measured round's probe, on one of those connections again.
      assertThat(origin.probes()).isEqualTo(LOOPS + 1);
      assertThat(origin.connections).hasSize(LOOPS);
      assertThat(origin.requests).allSatisfy(r -> assertThat(r.getHeader("User-Agent")).isEqualTo("ossgate-probe"));
    }

    // Each request on a new client connection: connections are spread over the loops in turn.
    for (int i = 0; i < 2 * LOOPS; i++) {
      String key = "/k" + i;
      int status = Await.on(vertx, () -> h.client()
          .request(Requests.to(h.gateway().httpPort(), TestConfigs.DOMAIN, HttpMethod.GET, key)
              .putHeader("Connection", "close"))
          .compose(HttpClientRequest::send)
          .compose(resp -> resp.body().map(b -> resp.statusCode())));
      assertThat(status).isEqualTo(200);
    }

    Origin used = origins.get(INTERNAL);
    assertThat(used.requests).hasSize(LOOPS + 1 + 2 * LOOPS);
    // No request opened a connection: each went out on one its loop's warm-up had opened.
    assertThat(used.connections).isEqualTo(used.probeConnections()).hasSize(LOOPS);
  }
}
