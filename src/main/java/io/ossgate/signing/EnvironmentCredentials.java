package io.ossgate.signing;

import java.util.Map;
import java.util.Optional;

/**
 * Credentials from environment variables, as the OSS SDKs and the Alibaba Cloud credential chain
 * read them (oss-reference §6): {@code OSS_ACCESS_KEY_ID}/{@code OSS_ACCESS_KEY_SECRET}/
 * {@code OSS_SESSION_TOKEN} first, then {@code ALIBABA_CLOUD_ACCESS_KEY_ID}/
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}/{@code ALIBABA_CLOUD_SECURITY_TOKEN}. The environment is
 * a parameter so tests need not touch the real one.
 */
public final class EnvironmentCredentials {

  private EnvironmentCredentials() {}

  /**
   * The provider for the first complete pair, or empty when neither id variable is set.
   *
   * @throws CredentialsException when an id is set without its secret
   */
  public static Optional<CredentialsProvider> fromEnv(Map<String, String> env) {
    Optional<CredentialsProvider> oss = pair(env, "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET",
        "OSS_SESSION_TOKEN");
    return oss.isPresent() ? oss : pair(env, "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN");
  }

  private static Optional<CredentialsProvider> pair(Map<String, String> env, String idVar,
      String secretVar, String tokenVar) {
    String id = blankToNull(env.get(idVar));
    if (id == null) {
      return Optional.empty();
    }
    String secret = blankToNull(env.get(secretVar));
    if (secret == null) {
      throw new CredentialsException(idVar + " is set but " + secretVar + " is not");
    }
    Credentials creds = Credentials.sts(id.trim(), secret.trim(), blankToNull(env.get(tokenVar)), null);
    return Optional.of(new StaticCredentialsProvider(creds, "environment(" + idVar + ")"));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
