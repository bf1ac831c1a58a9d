package io.ossgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The top-level {@code credentials:} section: where the gateway's own credentials (for
 * {@code auth: sign} sites) come from. Only sources are named, never a secret. The environment
 * ({@code OSS_ACCESS_KEY_ID}/{@code OSS_ACCESS_KEY_SECRET}[/{@code OSS_SESSION_TOKEN}], then
 * {@code ALIBABA_CLOUD_ACCESS_KEY_ID}/...) is always consulted first, then the file, then the ECS
 * RAM role.
 *
 * <pre>
 * credentials:
 *   file: /etc/ossgate/credentials     # Alibaba Cloud CLI INI format
 *   profile: gateway                   # default: default
 *   ecs-ram-role: {endpoint: http://100.100.100.200, role: ossgate-role}   # role optional
 * </pre>
 */
public record CredentialSources(Optional<FileSource> file, Optional<EcsRamRole> ecsRamRole) {

  /** The metadata service of every ECS instance. */
  public static final URI DEFAULT_METADATA_ENDPOINT = URI.create("http://100.100.100.200");

  public CredentialSources {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(ecsRamRole, "ecsRamRole");
  }

  /** An INI credentials file and the profile to read. */
  public record FileSource(Path path, String profile) {
    public FileSource {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(profile, "profile");
    }
  }

  /** The ECS instance metadata service; {@code role} empty = ask the service for it. */
  public record EcsRamRole(URI endpoint, Optional<String> role) {
    public EcsRamRole {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(role, "role");
    }
  }

  /** No section: only the environment. */
  public static CredentialSources none() {
    return new CredentialSources(Optional.empty(), Optional.empty());
  }

  public static CredentialSources file(Path path, String profile) {
    return new CredentialSources(Optional.of(new FileSource(path, profile)), Optional.empty());
  }

  public static CredentialSources ecs(URI endpoint, Optional<String> role) {
    return new CredentialSources(Optional.empty(), Optional.of(new EcsRamRole(endpoint, role)));
  }
}
