package io.ossgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ossgate.config.ConfigException;
import io.ossgate.config.ConfigLoader;
import io.ossgate.config.GatewayConfig;
import io.ossgate.emulator.EmulatorConfig;
import io.ossgate.emulator.SignatureAuthenticator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The auth keys of the gateway and emulator configs: defaults, values, and mistakes with key paths. */
class AuthConfigTest {

  private static final String SITE = """
      sites:
        - name: s
          domains: [static.example.com]
          bucket: example-bucket
          region: cn-hangzhou
          endpoints: [internal, internet]
      """;

  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "t.yaml");
  }

  @Test
  void defaults() {
    GatewayConfig passthrough = parse(SITE);
    assertThat(passthrough.sites().get(0).access().methods()).isEmpty();
    assertThat(passthrough.sites().get(0).access().boundDomain()).isFalse();
    assertThat(passthrough.credentials().file()).isEmpty();
    GatewayConfig sign = parse(SITE + "    auth: sign\n");
    assertThat(sign.sites().get(0).access().methods()).contains(Set.of("GET", "HEAD"));
  }

  @Test
  void values() {
    GatewayConfig c = parse(SITE + """
            auth: sign
            methods: [get, HEAD, put]
            bound-domain: true
        credentials:
          file: /etc/ossgate/credentials
          profile: gw
          ecs-ram-role: {endpoint: http://127.0.0.1:9, role: r}
        """);
    assertThat(c.sites().get(0).access().methods()).contains(Set.of("GET", "HEAD", "PUT"));
    assertThat(c.sites().get(0).access().boundDomain()).isTrue();
    assertThat(c.credentials().file().orElseThrow().path()).isEqualTo(Path.of("/etc/ossgate/credentials"));
    assertThat(c.credentials().file().orElseThrow().profile()).isEqualTo("gw");
    assertThat(c.credentials().ecsRamRole().orElseThrow().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9"));
    assertThat(c.credentials().ecsRamRole().orElseThrow().role()).contains("r");
    assertThat(parse(SITE + "credentials: {ecs-ram-role: {}}\n").credentials().ecsRamRole().orElseThrow().endpoint())
        .hasToString("http://100.100.100.200");
  }

  @Test
  void mistakesNameTheirKeyPath() {
    assertThatThrownBy(() -> parse(SITE + """
            methods: [GET, FETCH, GET]
            bound-domain: maybe
        credentials:
          access-key-secret: oops-inline
          profile: p
          ecs-ram-role: {endpoint: 'ftp://x', rol: y}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sites[0].methods[1]: 'FETCH'")
        .hasMessageContaining("sites[0].methods[2]: 'GET' is listed twice")
        .hasMessageContaining("sites[0].bound-domain: 'maybe'")
        .hasMessageContaining("credentials.access-key-secret: secrets are never written")
        .hasMessageContaining("credentials.profile: 'p' without 'file'")
        .hasMessageContaining("credentials.ecs-ram-role.endpoint: 'ftp://x'")
        .hasMessageContaining("credentials.ecs-ram-role.rol: unknown key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("oops-inline"));
  }

  @Test
  void emulatorKeys() {
    EmulatorConfig c = EmulatorConfig.parse("""
        buckets: [{name: bkt, region: cn-hangzhou, acl: private}]
        endpoints: [{type: internal}]
        keys:
          - {access-key-id: ak1, access-key-secret: sk1}
          - {access-key-id: ak2, access-key-secret: sk2, security-token: t}
        """);
    assertThat(c.settings().authenticator()).isInstanceOfSatisfying(SignatureAuthenticator.class,
        a -> assertThat(a.keyIds()).containsExactlyInAnyOrder("ak1", "ak2"));
    assertThat(c.settings().authenticator().toString()).doesNotContain("sk1");
    assertThatThrownBy(() -> EmulatorConfig.parse("""
        endpoints: [{type: internal}]
        keys: [{access-key-id: ak1}]
        """)).hasMessageContaining("keys[0].access-key-secret: missing");
  }
}
