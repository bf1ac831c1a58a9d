package io.ossgate.server;

import io.ossgate.config.AuthMode;
import io.ossgate.config.CredentialSources;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.SiteSettings;
import io.ossgate.signing.CredentialsException;
import io.ossgate.signing.CredentialsFile;
import io.ossgate.signing.CredentialsProvider;
import io.ossgate.signing.EcsMetadataClient;
import io.ossgate.signing.EnvironmentCredentials;
import io.ossgate.signing.RefreshPolicy;
import io.ossgate.signing.RefreshingCredentialsProvider;
import io.ossgate.signing.StaticCredentialsProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own credentials for {@code auth: sign} sites, resolved once at startup: the
 * environment first ({@code OSS_ACCESS_KEY_ID}..., then {@code ALIBABA_CLOUD_ACCESS_KEY_ID}...),
 * then {@code credentials.file}, then {@code credentials.ecs-ram-role}. The file is read on a
 * worker thread and the first credentials are fetched before the gateway listens, so a sign site
 * without usable credentials stops startup with a message naming the key paths. Only sources are
 * logged, never values.
 */
final class GatewayCredentials {

  private static final Logger log = LoggerFactory.getLogger(GatewayCredentials.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

  private GatewayCredentials() {}

  /** Empty when no site signs; fails with a clear message when one does and nothing is usable. */
  static Future<Optional<CredentialsProvider>> load(Vertx vertx, GatewayConfig config, HostEnvironment host) {
    List<String> signing = new ArrayList<>();
    for (int i = 0; i < config.sites().size(); i++) {
      SiteSettings s = config.sites().get(i);
      if (s.auth() == AuthMode.SIGN) {
        signing.add("sites[" + i + "].auth (site " + s.name() + ")");
      }
    }
    if (signing.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String who = String.join(", ", signing);
    return vertx.executeBlocking(() -> choose(config.credentials(), host))
        .recover(e -> Future.failedFuture(new IllegalStateException(who + ": 'sign' needs gateway credentials: "
            + e.getMessage(), e)))
        .compose(provider -> Future.fromCompletionStage(provider.credentials())
            .recover(e -> Future.failedFuture(new IllegalStateException(who + ": 'sign' needs gateway credentials, "
                + "but " + provider.describe() + " gave none: " + rootMessage(e), e)))
            .map(first -> {
              log.info("signing for {} with credentials from {}", who, provider.describe());
              return Optional.of(provider);
            }));
  }

  /** The first configured source. Blocking (reads the file): call on a worker thread. */
  static CredentialsProvider choose(CredentialSources sources, HostEnvironment host) {
    Optional<CredentialsProvider> env = EnvironmentCredentials.fromEnv(host.env());
    if (env.isPresent()) {
      return env.get();
    }
    if (sources.file().isPresent()) {
      CredentialSources.FileSource f = sources.file().get();
      try {
        return new StaticCredentialsProvider(CredentialsFile.load(f.path(), f.profile()),
            "credentials.file(" + f.path() + ", profile " + f.profile() + ")");
      } catch (CredentialsException e) {
        throw new CredentialsException("credentials.file: " + e.getMessage());
      }
    }
    if (sources.ecsRamRole().isPresent()) {
      CredentialSources.EcsRamRole ecs = sources.ecsRamRole().get();
      HttpClient http = HttpClient.newBuilder().connectTimeout(METADATA_TIMEOUT).build();
      EcsMetadataClient client = new EcsMetadataClient(http, ecs.endpoint(), ecs.role(), false, METADATA_TIMEOUT);
      return new RefreshingCredentialsProvider(client::fetch, host.clock(), RefreshPolicy.DEFAULT,
          "credentials.ecs-ram-role(" + ecs.endpoint() + ecs.role().map(r -> ", role " + r).orElse("") + ")");
    }
    throw new CredentialsException("none configured (expected: environment variables OSS_ACCESS_KEY_ID and "
        + "OSS_ACCESS_KEY_SECRET, or credentials.file, or credentials.ecs-ram-role in the configuration)");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
