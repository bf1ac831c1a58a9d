package io.ossgate.server;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.Await;
import io.ossgate.testing.GatewayHarness;
import io.ossgate.testing.TestClients;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --event-loops N} must mean N event loops serving requests, behind one shared listener,
 * even when the configured port is 0.
 */
@Timeout(30)
class ProxyEventLoopsTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
  private final GatewayHarness harness = new GatewayHarness(vertx);

  @AfterEach
  void close() {
    harness.close();
    Await.of(vertx.close());
  }

  @Test
  void eachInstanceRunsOnItsOwnEventLoopAndAllShareOnePort() {
    int origin = harness.origin(req -> req.response().end("ok"));
    Gateway gateway = harness.use(Await.on(vertx, () ->
        Gateway.start(vertx, TestConfigs.site().endpoint(INTERNAL, origin).build(), 3)));

    assertThat(gateway.proxyEventLoops()).isEqualTo(3);

    // Eight separate connections to the one port: all are accepted and proxied.
    HttpClientAgent client = TestClients.create(vertx, new HttpClientOptions().setKeepAlive(false),
        new PoolOptions().setHttp1MaxSize(8));
    List<Future<String>> bodies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      bodies.add(Await.onContext(vertx, () -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost("127.0.0.1").setPort(gateway.httpPort()).setURI("/x").putHeader("Host", TestConfigs.DOMAIN))
          .compose(HttpClientRequest::send)
          .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b))));
    }
    for (Future<String> body : bodies) {
      assertThat(Await.of(body, 10)).isEqualTo("200 ok");
    }
    assertThat(gateway.httpPort()).isPositive();
  }
}
