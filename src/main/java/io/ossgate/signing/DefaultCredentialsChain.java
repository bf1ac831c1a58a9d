package io.ossgate.signing;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks the first configured credentials source, in the order of the Alibaba Cloud default chain
 * (oss-reference §6): environment ({@code OSS_*}, then {@code ALIBABA_CLOUD_*}), the credentials
 * file, then the ECS RAM role (unless {@code ALIBABA_CLOUD_ECS_METADATA_DISABLED=true};
 * {@code ALIBABA_CLOUD_ECS_METADATA} names the role, {@code ALIBABA_CLOUD_IMDSV1_DISABLED=true}
 * forbids token-less metadata GETs). Resolving may read a file: call it at startup.
 */
public final class DefaultCredentialsChain {

  private DefaultCredentialsChain() {}

  /** The first source in {@code sources} that is configured. */
  public static CredentialsProvider firstConfigured(
      List<Supplier<Optional<CredentialsProvider>>> sources) {
    for (Supplier<Optional<CredentialsProvider>> s : sources) {
      Optional<CredentialsProvider> p = s.get();
      if (p.isPresent()) {
        return p.get();
      }
    }
    throw new CredentialsException("no credentials configured: set OSS_ACCESS_KEY_ID/"
        + "OSS_ACCESS_KEY_SECRET, write ~/" + CredentialsFile.DEFAULT_RELATIVE
        + ", or run on ECS with a RAM role");
  }

  /**
   * The default chain.
   *
   * @param env the environment (normally {@code System.getenv()})
   * @param home the user's home directory
   * @param metadataBase the ECS metadata service ({@link EcsMetadataClient#DEFAULT_BASE})
   */
  public static CredentialsProvider resolve(Map<String, String> env, Path home, HttpClient http,
      URI metadataBase, Clock clock) {
    List<Supplier<Optional<CredentialsProvider>>> sources = new ArrayList<>();
    sources.add(() -> EnvironmentCredentials.fromEnv(env));
    sources.add(() -> CredentialsFile.fromEnv(env, home));
    sources.add(() -> ecs(env, http, metadataBase, clock));
    return firstConfigured(sources);
  }

  static Optional<CredentialsProvider> ecs(Map<String, String> env, HttpClient http, URI base,
      Clock clock) {
    if ("true".equalsIgnoreCase(env.get("ALIBABA_CLOUD_ECS_METADATA_DISABLED"))) {
      return Optional.empty();
    }
    EcsMetadataClient client = new EcsMetadataClient(http, base,
        Optional.ofNullable(env.get("ALIBABA_CLOUD_ECS_METADATA")),
        "true".equalsIgnoreCase(env.get("ALIBABA_CLOUD_IMDSV1_DISABLED")), Duration.ofSeconds(5));
    return Optional.of(new RefreshingCredentialsProvider(client::fetch, clock, RefreshPolicy.DEFAULT,
        "ecs-ram-role(" + base + ")"));
  }
}
