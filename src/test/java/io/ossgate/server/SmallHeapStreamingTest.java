package io.ossgate.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorSettings;
import io.ossgate.emulator.EndpointSettings;
import io.ossgate.emulator.GeneratedContent;
import io.ossgate.oss.EndpointType;
import io.ossgate.testing.Await;
import io.ossgate.testing.Digests;
import io.ossgate.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming is the product: the real gateway ({@code ossgate run}) in its own JVM with a 48 MiB
 * heap relays a 1 GiB object intact. Any whole-body buffering would end that JVM with an
 * OutOfMemoryError (it runs with -XX:+ExitOnOutOfMemoryError) long before the end.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = SECONDS)
class SmallHeapStreamingTest {

  private static final long SIZE = 1L << 30;
  private static final long SEED = 77;

  @Test
  void oneGibibyteThroughA48MibHeap(Vertx vertx, @TempDir Path dir) throws Exception {
    Emulator emu = Await.on(vertx, () -> Emulator.start(vertx, EmulatorSettings.of(
        List.of(BucketSettings.of(TestConfigs.BUCKET.value(), TestConfigs.REGION.value())),
        List.of(EndpointSettings.of(EndpointType.INTERNET)))));
    emu.store().putGenerated(TestConfigs.BUCKET.value(), "huge.bin", SIZE, SEED, "application/octet-stream");
    int port = freePort();
    Path config = dir.resolve("ossgate.yaml");
    Files.writeString(config, String.join("\n",
        "server: {http: 127.0.0.1:" + port + "}",
        "admin: {listen: 127.0.0.1:" + freePort() + "}",
        "upstream:",
        "  scheme: http",
        "  resolve: {" + TestConfigs.host(EndpointType.INTERNET) + ": 127.0.0.1:" + emu.port(EndpointType.INTERNET) + "}",
        "sites:",
        "  - name: big",
        "    domains: [" + TestConfigs.DOMAIN + "]",
        "    bucket: " + TestConfigs.BUCKET.value(),
        "    region: " + TestConfigs.REGION.value(),
        "    endpoints: [internet]",
        ""));
    Process gateway = new ProcessBuilder(javaBin(), "-Xmx48m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString(),
        "--event-loops", "1")
        .redirectErrorStream(true)
        .start();
    try {
      awaitLine(gateway, "ossgate listening on").get(30, SECONDS);
      HttpClientAgent client = io.ossgate.testing.TestClients.create(vertx);
      AtomicLong received = new AtomicLong();
      MessageDigest md = Digests.sha256();
      HttpClientResponse resp = Await.on(vertx, () -> client
          .request(io.ossgate.testing.Requests.to(port, TestConfigs.DOMAIN, HttpMethod.GET, "/huge.bin"))
          .compose(req -> req.send())
          .compose(r -> {
            r.handler(buf -> {
              received.addAndGet(buf.length());
              md.update(buf.getBytes());
            });
            return r.end().map(v -> r);
          }), 90);

      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(received).hasValue(SIZE);
      assertThat(gateway.isAlive()).as("the 48 MiB gateway is still running").isTrue();
      System.out.println("small-heap gateway peak RSS: " + peakRss(gateway.pid()));
      assertThat(Digests.hex(md.digest())).isEqualTo(Digests.hex(GeneratedContent.sha256(SEED, SIZE)));
    } finally {
      gateway.destroy();
      gateway.onExit().get(10, SECONDS);
      Await.on(vertx, emu::close);
    }
  }

  /** Completes when the process prints a line containing {@code marker}; keeps draining its output. */
  private static CompletableFuture<Void> awaitLine(Process process, String marker) {
    CompletableFuture<Void> seen = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          System.out.println("[gateway] " + line);
          if (line.contains(marker)) {
            seen.complete(null);
          }
        }
        seen.completeExceptionally(new AssertionError("gateway exited before printing '" + marker + "'"));
      } catch (Exception e) {
        seen.completeExceptionally(e);
      }
    }, "gateway-output");
    reader.setDaemon(true);
    reader.start();
    return seen;
  }

  private static String peakRss(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("unknown").replaceAll("\\s+", " ");
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
