package io.ossgate.server;

import io.ossgate.config.AuthMode;
import io.ossgate.config.CredentialSources;
import io.ossgate.config.GatewayConfig;
import java.io.PrintWriter;

/**
 * The {@code credentials} part of {@code check}: the sources in the order they are tried, never a
 * value (the environment is not even read: {@code check} may run on another machine).
 */
final class CheckCredentials {

  private CheckCredentials() {}

  static void render(GatewayConfig config, PrintWriter out) {
    CredentialSources c = config.credentials();
    boolean signing = config.sites().stream().anyMatch(s -> s.auth() == AuthMode.SIGN);
    out.println("credentials" + (signing ? " (used by auth: sign sites), tried in order" : " (no site signs)"));
    out.println("  1. environment: OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET[/OSS_SESSION_TOKEN], "
        + "then ALIBABA_CLOUD_ACCESS_KEY_ID/...");
    int n = 2;
    if (c.file().isPresent()) {
      out.println("  " + n++ + ". file: " + c.file().get().path() + ", profile " + c.file().get().profile());
    }
    if (c.ecsRamRole().isPresent()) {
      out.println("  " + n + ". ecs-ram-role: " + c.ecsRamRole().get().endpoint() + ", role "
          + c.ecsRamRole().get().role().orElse("(asked from the metadata service)"));
    }
    if (signing && c.file().isEmpty() && c.ecsRamRole().isEmpty()) {
      out.println("  note: only the environment is configured; startup fails if it has no key");
    }
  }
}
