package io.ossgate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class CredentialsSourcesTest {

  @TempDir Path home;

  private static Credentials get(CredentialsProvider p) throws Exception {
    return p.credentials().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void toStringRedactsSecretAndToken() {
    Credentials c = Credentials.sts("AKID", "s3cr3t", "t0k3n", Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(c.toString()).contains("AKID").contains("2024-01-01")
        .doesNotContain("s3cr3t").doesNotContain("t0k3n");
    assertThat(new StaticCredentialsProvider(c, "x").toString()).doesNotContain("s3cr3t");
    assertThat(c.expiredAt(Instant.parse("2024-01-01T00:00:00Z"))).isTrue();
    assertThat(Credentials.of("a", "b").expiredAt(Instant.MAX)).isFalse();
  }

  @Test
  void environmentPrefersOssVariables() throws Exception {
    Map<String, String> env = Map.of(
        "OSS_ACCESS_KEY_ID", "oss-id", "OSS_ACCESS_KEY_SECRET", "oss-secret", "OSS_SESSION_TOKEN", "tok",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "ali-id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-secret");
    Credentials c = get(EnvironmentCredentials.fromEnv(env).orElseThrow());
    assertThat(c.accessKeyId()).isEqualTo("oss-id");
    assertThat(c.securityToken()).contains("tok");
  }

  @Test
  void environmentFallsBackToAlibabaCloudVariables() throws Exception {
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ali-id",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-secret", "ALIBABA_CLOUD_SECURITY_TOKEN", "t");
    Credentials c = get(EnvironmentCredentials.fromEnv(env).orElseThrow());
    assertThat(c.accessKeyId()).isEqualTo("ali-id");
    assertThat(c.securityToken()).contains("t");
    assertThat(EnvironmentCredentials.fromEnv(Map.of())).isEmpty();
  }

  @Test
  void environmentIdWithoutSecretIsAnError() {
    assertThatThrownBy(() -> EnvironmentCredentials.fromEnv(Map.of("OSS_ACCESS_KEY_ID", "id")))
        .isInstanceOf(CredentialsException.class).hasMessageContaining("OSS_ACCESS_KEY_SECRET");
  }

  @Test
  void fileReadsTheChosenProfile() throws Exception {
    Path file = home.resolve("creds");
    Files.writeString(file, """
        # comment
        [default]
        type = access_key
        access_key_id = def-id
        access_key_secret = def-secret

        [prod]
        type = sts
        access_key_id = "prod-id"
        access_key_secret = prod-secret
        security_token = prod-token
        """);
    assertThat(CredentialsFile.load(file, "default").accessKeyId()).isEqualTo("def-id");
    Credentials prod = CredentialsFile.load(file, "prod");
    assertThat(prod.accessKeyId()).isEqualTo("prod-id");
    assertThat(prod.securityToken()).contains("prod-token");
    Credentials viaEnv = get(CredentialsFile.fromEnv(
        Map.of("ALIBABA_CLOUD_CREDENTIALS_FILE", file.toString(), "ALIBABA_CLOUD_PROFILE", "prod"), home)
        .orElseThrow());
    assertThat(viaEnv.accessKeyId()).isEqualTo("prod-id");
  }

  @Test
  void fileDefaultLocationIsOptional() throws Exception {
    assertThat(CredentialsFile.fromEnv(Map.of(), home)).isEmpty();
    Path file = home.resolve(CredentialsFile.DEFAULT_RELATIVE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[default]\naccess_key_id = a\naccess_key_secret = b\n");
    assertThat(get(CredentialsFile.fromEnv(Map.of(), home).orElseThrow()).accessKeyId()).isEqualTo("a");
  }

  @Test
  void fileErrorsNameFileAndLineButNoSecret() {
    List<String> secretOnItsOwnLine = List.of("[default]", "access_key_id = a", "hunter2-secret");
    assertThatThrownBy(() -> CredentialsFile.parse(secretOnItsOwnLine, "/x/creds", "default"))
        .hasMessageContaining("/x/creds").hasMessageContaining("line 3")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> CredentialsFile.parse(
        List.of("[default]", "access_key_id = a", "access_key_secret = hunter2"), "f", "other"))
        .hasMessageContaining("profile 'other' not found").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> CredentialsFile.parse(
        List.of("[default]", "access_key_secret = hunter2"), "f", "default"))
        .hasMessageContaining("access_key_id is missing").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> CredentialsFile.parse(
        List.of("[default]", "type = ram_role_arn", "access_key_id = a", "access_key_secret = hunter2"),
        "f", "default"))
        .hasMessageContaining("ram_role_arn").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> CredentialsFile.load(home.resolve("missing"), "default"))
        .isInstanceOf(CredentialsException.class).hasMessageContaining("not found");
  }

  @Test
  void chainPicksTheFirstConfiguredSource() throws Exception {
    Path file = home.resolve(CredentialsFile.DEFAULT_RELATIVE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[default]\naccess_key_id = file-id\naccess_key_secret = b\n");
    HttpClient http = HttpClient.newHttpClient();
    URI nowhere = URI.create("http://127.0.0.1:9");
    Clock clock = Clock.systemUTC();

    CredentialsProvider env = DefaultCredentialsChain.resolve(
        Map.of("OSS_ACCESS_KEY_ID", "env-id", "OSS_ACCESS_KEY_SECRET", "s"), home, http, nowhere, clock);
    assertThat(get(env).accessKeyId()).isEqualTo("env-id");

    CredentialsProvider fromFile = DefaultCredentialsChain.resolve(Map.of(), home, http, nowhere, clock);
    assertThat(get(fromFile).accessKeyId()).isEqualTo("file-id");
    assertThat(fromFile.describe()).contains("file(");

    Files.delete(file);
    CredentialsProvider ecs = DefaultCredentialsChain.resolve(Map.of(), home, http, nowhere, clock);
    assertThat(ecs).isInstanceOf(RefreshingCredentialsProvider.class);
    assertThat(ecs.describe()).startsWith("ecs-ram-role");

    assertThatThrownBy(() -> DefaultCredentialsChain.resolve(
        Map.of("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"), home, http, nowhere, clock))
        .isInstanceOf(CredentialsException.class).hasMessageContaining("no credentials configured");
    assertThat(DefaultCredentialsChain.firstConfigured(List.of(Optional::empty,
        () -> Optional.of(new StaticCredentialsProvider(Credentials.of("x", "y"), "second")))).describe())
        .isEqualTo("second");
  }

  @Test
  void refreshPolicyThresholdsAndBackoff() {
    RefreshPolicy p = RefreshPolicy.DEFAULT;
    Instant fetched = Instant.parse("2024-01-01T00:00:00Z");
    Instant exp = fetched.plus(Duration.ofHours(6));
    assertThat(p.refreshDue(fetched, exp, exp.minus(Duration.ofMinutes(73)))).isFalse();
    assertThat(p.refreshDue(fetched, exp, exp.minus(Duration.ofMinutes(71)))).isTrue(); // < 20%
    Instant shortExp = fetched.plus(Duration.ofMinutes(20));
    assertThat(p.refreshDue(fetched, shortExp, fetched.plus(Duration.ofMinutes(4)))).isFalse();
    assertThat(p.refreshDue(fetched, shortExp, fetched.plus(Duration.ofMinutes(6)))).isTrue(); // < 15 min
    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.backoff(30)).isEqualTo(Duration.ofMinutes(2));
  }
}
