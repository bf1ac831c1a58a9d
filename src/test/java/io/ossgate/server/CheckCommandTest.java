package io.ossgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(10)
class CheckCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void printsTheUpstreamHostsOfTheExampleConfigAndExitsZero() {
    int code = run("check", "--config", "conf/ossgate.yaml");

    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("conf/ossgate.yaml: valid, 1 site")
        .contains("  http:  0.0.0.0:8080", "  admin: 127.0.0.1:9090")
        .contains("site static", "  domains: static.example.com", "  bucket: example-bucket",
            "  region: ap-southeast-1", "  auth: passthrough", "  preview: inline")
        .containsSubsequence(
            "internal -> example-bucket.oss-ap-southeast-1-internal.aliyuncs.com\n",
            "accelerate -> example-bucket.oss-accelerate.aliyuncs.com\n",
            "internet -> example-bucket.oss-ap-southeast-1.aliyuncs.com\n")
        .contains("example-bucket.ap-southeast-1.oss.aliyuncs.com"); // dualstack: answered, not an upstream
  }

  @Test
  void showsPinsSitePolicyAndBucketDomainsTakenByAnEarlierSite(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gw.yaml");
    Files.writeString(file, """
        upstream:
          scheme: http
          resolve:
            example-bucket.oss-accelerate.aliyuncs.com: 127.0.0.1:9001
            unused.example.com: 127.0.0.1:9002
        sites:
          - name: first
            bucket: example-bucket
            region: cn-hangzhou
            endpoints: [accelerate, internet]
          - name: second
            domains: [img.example.com]
            bucket: example-bucket
            region: cn-hangzhou
            endpoints: [internal]
            policy: cost
        """);

    int code = run("check", "-c", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("  scheme: http")
        .contains("    accelerate -> example-bucket.oss-accelerate.aliyuncs.com (pinned to 127.0.0.1:9001)\n")
        .contains("    internet -> example-bucket.oss-cn-hangzhou.aliyuncs.com\n")
        .contains("  policy: latency (selection.policy)", "  policy: cost (site)")
        .contains("example-bucket.oss-cn-hangzhou.aliyuncs.com (taken by site first, configured earlier)")
        .contains("note: upstream.resolve['unused.example.com'] pins a host that no site's upstreams use");
  }

  @Test
  void badFileExitsOneWithEveryKeyPathOnStderr(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        upstream:
          connect-timeout: 2 sec
        sites:
          - name: static
            bucket: Bad_Bucket
            region: ap-southeast-1
            endpoints: [internal]
        """);

    int code = run("check", "--config", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains(file + ": invalid configuration (2 problems)")
        .contains("  upstream.connect-timeout: '2 sec' (expected: a duration like 250ms, 5s, 1m)\n")
        .contains("  sites[0].bucket: 'Bad_Bucket' is not a valid bucket name");
  }

  @Test
  void missingFileExitsOne(@TempDir Path dir) {
    Path file = dir.resolve("missing.yaml");

    int code = run("check", "--config", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo(file + ": file not found\n");
  }

  @Test
  void renderPrintsNoRecordToString() {
    // Records print every field; rendering field by field is what keeps future secrets out.
    String text = CheckCommand.render(ConfigLoader.load(Path.of("conf/ossgate.yaml")), "x");

    assertThat(text).doesNotContain("Settings[", "HostPort[", "Optional[");
    assertThat(CheckCommand.redacted("s3cr3t")).doesNotContain("s3cr3t");
  }
}
