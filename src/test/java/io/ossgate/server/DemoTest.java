package io.ossgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.GeneratedContent;
import io.ossgate.emulator.StoredObject;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ossgate demo} in-process on free ports: the gateway serves the sample objects from the emulator. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoTest {

  private static final String TYPES_PATTERN = "internal|accelerate|internet";

  private Demo demo;
  private HttpClientAgent client;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    demo = Await.on(vertx, () -> Demo.start(vertx, 0, 0));
    client = io.ossgate.testing.TestClients.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    Await.on(vertx, demo::close);
  }

  @Test
  void servesHelloThroughTheGatewayNamingTheEndpoint() {
    Reply r = get(demo.gateway().httpPort(), Demo.DOMAIN, "/" + DemoContent.HELLO, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(DemoContent.HELLO_TEXT);
    assertThat(r.resp().getHeader("X-Ossgate-Endpoint")).matches(TYPES_PATTERN);
  }

  @Test
  void servesTheIndexPageAndAValidPngLogo() throws IOException {
    // A browser sends the port in Host: the site must still match.
    String browserHost = Demo.DOMAIN + ":" + demo.gateway().httpPort();
    Reply page = get(demo.gateway().httpPort(), browserHost, "/" + DemoContent.INDEX, null);
    Reply logo = get(demo.gateway().httpPort(), browserHost, "/" + DemoContent.LOGO, null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.resp().getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.text()).contains("<img src=\"/" + DemoContent.LOGO + "\"", "href=\"/" + DemoContent.BIG + "\"");
    assertThat(page.resp().getHeader("X-Ossgate-Endpoint")).matches(TYPES_PATTERN);
    assertThat(logo.status()).isEqualTo(200);
    assertThat(logo.resp().getHeader("Content-Type")).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(logo.body().getBytes()));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(160);
    assertThat(image.getHeight()).isEqualTo(160);
  }

  // A first download that waited for the emulator to compute the object's CRC would be a latency
  // peak of internal's that OSS never shows: the demo computes it before the gateway starts.
  @Test
  void theBigObjectsCrcIsKnownBeforeTheFirstRequest(Vertx vertx) {
    StoredObject big = demo.emulator().store().get(DemoContent.BUCKET, DemoContent.BIG).orElseThrow();

    assertThat(big.prepareCrc64(vertx).succeeded()).as("CRC-64 already computed").isTrue();
  }

  @Test
  void servesARangeOfTheBigObjectWithoutSendingItAll() {
    Reply r = get(demo.gateway().httpPort(), Demo.DOMAIN, "/" + DemoContent.BIG, "bytes=1000000-1000099");

    assertThat(r.status()).isEqualTo(206);
    assertThat(r.resp().getHeader("Content-Range")).isEqualTo("bytes 1000000-1000099/" + DemoContent.BIG_SIZE);
    assertThat(r.body().getBytes()).isEqualTo(GeneratedContent.bytes(DemoContent.BIG_SEED, 1_000_000, 100));
  }

  @Test
  void acceptsAnUploadAndServesItBack() {
    int port = demo.gateway().httpPort();
    Reply put = Await.on(vertx, () -> client.request(io.ossgate.testing.Requests.to(port, Demo.DOMAIN, HttpMethod.PUT, "/uploads/note.txt"))
        .map(req -> req.putHeader("Content-Type", "text/plain"))
        .compose(req -> req.send("uploaded through ossgate"))
        .compose(resp -> resp.body().map(b -> new Reply(resp, b))));
    Reply back = get(port, Demo.DOMAIN, "/uploads/note.txt", null);

    assertThat(put.status()).isEqualTo(200);
    assertThat(back.text()).isEqualTo("uploaded through ossgate");
  }

  @Test
  void adminListenerReportsTheDemoSite() {
    int admin = demo.gateway().adminPort();
    Reply status = get(admin, Demo.LOOPBACK, "/status", null);
    Reply health = get(admin, Demo.LOOPBACK, "/health", null);
    Reply ready = get(admin, Demo.LOOPBACK, "/ready", null);

    assertThat(status.status()).isEqualTo(200);
    JsonObject site = new JsonObject(status.text()).getJsonArray("sites").getJsonObject(0);
    assertThat(site.getString("name")).isEqualTo(Demo.SITE);
    assertThat(site.getJsonArray("upstreams")).hasSize(3);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).contains("UP");
    assertThat(ready.status()).isEqualTo(200);
  }

  @Test
  void instructionsNameTheRealPorts() {
    String text = demo.instructions();
    int gw = demo.gateway().httpPort();
    int admin = demo.gateway().adminPort();
    int control = demo.emulator().controlPort().orElseThrow();

    assertThat(text)
        .contains("curl -v -H 'Host: demo.localhost' http://127.0.0.1:" + gw + "/hello.txt")
        .contains("http://demo.localhost:" + gw + "/index.html")
        .contains("-r 0-99 http://127.0.0.1:" + gw + "/big/256MiB.bin")
        .contains("%{speed_download}")
        .contains("curl -s http://127.0.0.1:" + admin + "/status")
        .contains("C=http://127.0.0.1:" + control)
        .contains("-X PATCH $C/faults/internal -d '{\"latency\": \"500ms\"}'")
        .contains("-X PATCH $C/faults/internal -d '{\"refuse-connections\": true}'");
    for (EndpointType type : demo.emulator().endpointTypes()) {
      assertThat(text).contains("-> 127.0.0.1:" + demo.emulator().port(type));
    }
  }

  @Test
  void faultInjectionPathFromTheInstructionsWorks() {
    int control = demo.emulator().controlPort().orElseThrow();
    Reply patched = Await.on(vertx, () -> client.request(new RequestOptions().setMethod(HttpMethod.PATCH).setHost(Demo.LOOPBACK)
            .setPort(control).setURI("/faults/internal"))
        .compose(req -> req.send("{\"latency\": \"500ms\"}"))
        .compose(resp -> resp.body().map(b -> new Reply(resp, b))));

    assertThat(patched.status()).isEqualTo(200);
    assertThat(demo.emulator().faults(EndpointType.INTERNAL).get().latency().toMillis()).isEqualTo(500);
  }

  private Reply get(int port, String host, String uri, String range) {
    return Await.on(vertx, () -> client.request(io.ossgate.testing.Requests.to(port, host, HttpMethod.GET, uri))
        .map(req -> {
          HttpClientRequest r = req;
          if (range != null) {
            r.putHeader("Range", range);
          }
          return r;
        })
        .compose(HttpClientRequest::send)
        .compose(resp -> resp.body().map(b -> new Reply(resp, b))));
  }

  private record Reply(HttpClientResponse resp, Buffer body) {
    int status() {
      return resp.statusCode();
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
