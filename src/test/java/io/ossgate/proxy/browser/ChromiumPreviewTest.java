package io.ossgate.proxy.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.PreviewMode;
import io.ossgate.config.SiteSettings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proof that matters for browsers: headless Chromium renders a page and its image through the
 * gateway ({@code preview: inline}), while the same page from the bucket's default domain is
 * downloaded, not rendered. Skipped (with the reason printed) when {@code /usr/bin/chromium} is
 * absent; docs/browser-test.md says how to install it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class ChromiumPreviewTest {

  /** A valid 1x1 PNG. */
  private static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
  private static final int RENDER_SECONDS = 45;
  private static final int DOWNLOAD_SECONDS = 12;
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final String MARKER = "rendered-through-ossgate";
  /** The page records in the DOM whether its image loaded, so --dump-dom shows it. */
  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>ossgate preview</title></head>
      <body data-img="pending">
      <h1>%s</h1>
      <img src="/logo.png" alt="logo" width="64" height="64"
           onload="document.body.dataset.img='loaded'" onerror="document.body.dataset.img='failed'">
      </body></html>
      """.formatted(MARKER);

  @BeforeAll
  static void needsChromium() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (!present) {
      System.out.println("ChromiumPreviewTest skipped: " + CHROMIUM + " is not installed"
          + " (apt-get install -y chromium; see docs/browser-test.md)");
    }
    Assumptions.assumeTrue(present, CHROMIUM + " is not installed (see docs/browser-test.md)");
  }

  private static SiteSettings inline(SiteSettings s) {
    return s.withPreview(PreviewMode.INLINE);
  }

  @Test
  void pageAndImageRenderThroughTheGatewayButNotFromTheDefaultDomain(Vertx vertx) throws Exception {
    try (BrowserSite site = BrowserSite.start(vertx, ChromiumPreviewTest::inline)) {
      site.put("page.html", PAGE, "text/html; charset=utf-8");
      site.emulator().store().put(BrowserSite.BUCKET, "logo.png", PNG, "image/png");

      String viaGateway = chromium(BrowserSite.DOMAIN, "http://" + BrowserSite.DOMAIN + ":" + site.gatewayPort()
          + "/page.html", true, RENDER_SECONDS);
      assertThat(viaGateway).contains(MARKER).contains("data-img=\"loaded\"");

      // Headless Chromium never finishes a navigation that turned into a download, so --dump-dom
      // prints nothing: the process is stopped after DOWNLOAD_SECONDS (a rendered page takes ~5 s).
      String direct = chromium(site.bucketHost(), "http://" + site.bucketHost() + ":" + site.emulatorPort()
          + "/page.html", false, DOWNLOAD_SECONDS);
      assertThat(direct).as("the default domain forces a download: nothing is rendered").doesNotContain(MARKER);
      assertThat(site.emulator().requests().all()).extracting(r -> r.host() + " " + r.uri())
          .contains(site.bucketHost() + " /page.html");
    }
  }

  /** Runs headless Chromium on {@code url} (with {@code host} mapped to loopback) and returns the dumped DOM. */
  private static String chromium(String host, String url, boolean screenshot, int seconds) throws Exception {
    Path profile = Files.createTempDirectory("ossgate-chromium");
    Path downloads = Files.createTempDirectory("ossgate-downloads");
    try {
      String dom = run(command(host, profile, downloads, List.of("--dump-dom", url)), profile, seconds);
      if (screenshot) {
        Path shot = Paths.get("target", "browser-preview.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        run(command(host, profile, downloads, List.of("--screenshot=" + shot, "--window-size=800,400", url)), profile,
            seconds);
        System.out.println("ChromiumPreviewTest: screenshot of the gateway page at " + shot);
      }
      return dom;
    } finally {
      deleteTree(profile);
      deleteTree(downloads);
    }
  }

  private static List<String> command(String host, Path profile, Path downloads, List<String> action) {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--no-proxy-server",
        "--user-data-dir=" + profile, "--host-resolver-rules=MAP " + host + " 127.0.0.1",
        "--virtual-time-budget=5000"));
    cmd.addAll(action);
    return cmd;
  }

  /**
   * Runs Chromium for at most {@code seconds} and returns what it printed (the DOM). A run that
   * does not finish in time is stopped, with its helper processes, and returns what it printed so far.
   */
  private static String run(List<String> command, Path profile, int seconds) throws Exception {
    Path out = profile.resolve("stdout.txt");
    Path err = profile.resolve("stderr.txt");
    long started = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("chromium could not be stopped");
      }
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    System.out.printf("ChromiumPreviewTest: %s %s in %d ms, exit %d, %d chars of DOM%n",
        command.get(command.size() - 1), finished ? "finished" : "stopped", (System.nanoTime() - started) / 1_000_000,
        p.exitValue(), dom.length());
    if (finished && p.exitValue() != 0) {
      System.out.println("chromium stderr: " + tail(Files.readString(err)));
    }
    return dom;
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
  }

  /** Best effort: Chromium's helper processes may still be writing their profile as it exits. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().delete();
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      System.out.println("ChromiumPreviewTest: could not delete " + dir + ": " + e);
    }
  }
}
