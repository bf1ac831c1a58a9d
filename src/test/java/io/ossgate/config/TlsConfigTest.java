package io.ossgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ossgate.server.CheckCommand;
import io.ossgate.testing.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** server.https, upstream.ca-file and sites[].https-redirect: parsing, file checks, key paths in messages. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsConfigTest {

  private static TestCerts a;
  private static TestCerts b;

  @BeforeAll
  static void certificates() {
    a = TestCerts.create("a.test");
    b = TestCerts.create("b.test");
  }

  private static final String SITE = """
      sites:
        - name: static
          domains: [a.test, b.test]
          bucket: example-bucket
          region: cn-hangzhou
          endpoints: [internet]
          https-redirect: %s
      """;

  private static String https(String certs) {
    return "server:\n  http: 127.0.0.1:8080\n  https:\n    listen: 127.0.0.1:8443\n    certificates:\n" + certs;
  }

  private static String pair(Path cert, Path key) {
    return "      - {cert: '" + cert + "', key: '" + key + "'}\n";
  }

  @Test
  void readsHttpsCaFileAndRedirect() {
    String yaml = https(pair(a.cert(), a.key()) + pair(b.cert(), b.key()))
        + "upstream:\n  ca-file: '" + a.cert() + "'\n" + SITE.formatted("true");
    GatewayConfig config = ConfigLoader.parse(yaml, "t.yaml");
    HttpsSettings h = config.server().https().orElseThrow();
    assertThat(h.listen()).isEqualTo(new HostPort("127.0.0.1", 8443));
    assertThat(h.certificates()).extracting(HttpsSettings.Certificate::cert).containsExactly(a.cert(), b.cert());
    assertThat(config.upstream().caFile()).contains(a.cert());
    assertThat(config.sites().get(0).httpsRedirect()).isTrue();

    String shown = CheckCommand.render(config, "t.yaml");
    assertThat(shown).contains("https: 127.0.0.1:8443").contains("cert " + a.cert() + ", key " + a.key())
        .contains("ca-file: " + a.cert()).contains("https-redirect: true")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void defaultsAreOff() {
    GatewayConfig config = ConfigLoader.parse(SITE.formatted("false"), "t.yaml");
    assertThat(config.server().https()).isEmpty();
    assertThat(config.upstream().caFile()).isEmpty();
    assertThat(config.sites().get(0).httpsRedirect()).isFalse();
  }

  @Test
  void fileProblemsNameTheKeyPath(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.crt");
    Path notPem = Files.writeString(dir.resolve("plain.txt"), "hello");
    String yaml = https(pair(missing, a.key()) + pair(a.key(), a.key()) + pair(a.cert(), b.key()) + pair(b.cert(), notPem))
        + "upstream:\n  ca-file: '" + notPem + "'\n" + SITE.formatted("maybe");
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.https.certificates[0].cert: '" + missing + "' not found")
        .hasMessageContaining("server.https.certificates[1].cert: '" + a.key() + "' holds a private key")
        .hasMessageContaining("server.https.certificates[2].key: '" + b.key() + "' is not the key of certificate CN=a.test")
        .hasMessageContaining("server.https.certificates[3].key: '" + notPem + "' is not a PEM file")
        .hasMessageContaining("upstream.ca-file: '" + notPem + "' is not a PEM file")
        .hasMessageContaining("sites[0].https-redirect: 'maybe' (expected: true or false)");
  }

  @Test
  void redirectNeedsAnHttpsListener() {
    assertThatThrownBy(() -> ConfigLoader.parse(SITE.formatted("true"), "t.yaml"))
        .hasMessageContaining("sites[0].https-redirect: true, but server.https is not configured");
  }

  @Test
  void httpsNeedsCertificates() {
    assertThatThrownBy(() -> ConfigLoader.parse("server:\n  https: {listen: 0.0.0.0:8443}\n" + SITE.formatted("false"), "t.yaml"))
        .hasMessageContaining("server.https.certificates: missing");
    assertThatThrownBy(() -> ConfigLoader.parse(https("      []\n").replace("certificates:\n      []", "certificates: []")
            + SITE.formatted("false"), "t.yaml"))
        .hasMessageContaining("server.https.certificates: empty");
    assertThatThrownBy(() -> ConfigLoader.parse(https("      - {cert: x.crt, keys: x.key}\n") + SITE.formatted("false"), "t.yaml"))
        .hasMessageContaining("server.https.certificates[0].keys: unknown key")
        .hasMessageContaining("server.https.certificates[0].key: missing");
  }
}
