package io.ossgate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches ECS RAM role credentials from the instance metadata service (oss-reference §6), with
 * {@link HttpClient#sendAsync} so no caller thread blocks. IMDSv2: a session token from
 * {@code PUT /latest/api/token} goes on every GET; when the token call fails the client falls back
 * to plain GETs unless IMDSv1 is disabled. Error messages name paths and statuses, never bodies.
 */
public final class EcsMetadataClient {

  /** The metadata service of every ECS instance. */
  public static final URI DEFAULT_BASE = URI.create("http://100.100.100.200");
  static final String TOKEN_PATH = "/latest/api/token";
  static final String ROLE_PATH = "/latest/meta-data/ram/security-credentials/";
  static final String TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
  static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";
  static final String TOKEN_TTL_SECONDS = "21600";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Optional<String> configuredRole;
  private final boolean imdsV1Disabled;
  private final Duration timeout;
  private final AtomicReference<String> discoveredRole = new AtomicReference<>();

  /**
   * @param base the metadata service, {@link #DEFAULT_BASE} on ECS
   * @param roleName the RAM role; empty to ask the metadata service
   * @param imdsV1Disabled refuse to fall back to token-less GETs
   * @param timeout per HTTP request
   */
  public EcsMetadataClient(HttpClient http, URI base, Optional<String> roleName,
      boolean imdsV1Disabled, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.base = Objects.requireNonNull(base, "base");
    this.configuredRole = Objects.requireNonNull(roleName, "roleName").filter(r -> !r.isBlank());
    this.imdsV1Disabled = imdsV1Disabled;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** One fetch: token, role name (once), credentials. */
  public CompletionStage<Credentials> fetch() {
    return token().thenCompose(token -> role(token).thenCompose(role -> credentials(token, role)));
  }

  private CompletionStage<Optional<String>> token() {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(TOKEN_PATH)).timeout(timeout)
        .header(TOKEN_TTL_HEADER, TOKEN_TTL_SECONDS)
        .PUT(HttpRequest.BodyPublishers.noBody()).build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
        .handle((resp, error) -> {
          if (error == null && resp.statusCode() == 200 && !resp.body().isBlank()) {
            return Optional.of(resp.body().strip());
          }
          if (imdsV1Disabled) {
            throw new CredentialsException("ECS metadata: PUT " + TOKEN_PATH + " failed ("
                + (error == null ? "HTTP " + resp.statusCode() : error.getClass().getSimpleName())
                + ") and IMDSv1 is disabled");
          }
          return Optional.empty();
        });
  }

  private CompletionStage<String> role(Optional<String> token) {
    Optional<String> known = configuredRole.or(() -> Optional.ofNullable(discoveredRole.get()));
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.get());
    }
    return get(ROLE_PATH, token).thenApply(body -> {
      String role = body.strip().lines().findFirst().orElse("").strip();
      if (role.isEmpty()) {
        throw new CredentialsException("ECS metadata: GET " + ROLE_PATH + " returned no role name;"
            + " is a RAM role attached to this instance?");
      }
      discoveredRole.set(role);
      return role;
    });
  }

  private CompletionStage<Credentials> credentials(Optional<String> token, String role) {
    String path = ROLE_PATH + UriEncoding.encode(role);
    return get(path, token).thenApply(body -> parse(body, path));
  }

  private CompletionStage<String> get(String path, Optional<String> token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
    token.ifPresent(t -> b.header(TOKEN_HEADER, t));
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(resp -> {
      if (resp.statusCode() != 200) {
        throw new CredentialsException("ECS metadata: GET " + path + " returned HTTP " + resp.statusCode());
      }
      return resp.body();
    });
  }

  /** Parses the credentials JSON; messages never include the body (it holds the secret). */
  static Credentials parse(String body, String path) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new CredentialsException("ECS metadata: GET " + path + " returned invalid JSON");
    }
    String code = text(node, "Code");
    if (!"Success".equals(code)) {
      throw new CredentialsException("ECS metadata: GET " + path + " returned Code "
          + (code == null ? "(none)" : "'" + code + "'") + " (expected: Success)");
    }
    String id = text(node, "AccessKeyId");
    String secret = text(node, "AccessKeySecret");
    String token = text(node, "SecurityToken");
    String expiration = text(node, "Expiration");
    if (id == null || secret == null || token == null || expiration == null) {
      throw new CredentialsException("ECS metadata: GET " + path
          + " lacks AccessKeyId, AccessKeySecret, SecurityToken or Expiration");
    }
    try {
      return Credentials.sts(id, secret, token, Instant.parse(expiration));
    } catch (DateTimeParseException e) {
      throw new CredentialsException("ECS metadata: GET " + path + " has an invalid Expiration");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
  }
}
