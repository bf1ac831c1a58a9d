package io.ossgate.signing;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Fixed credentials (from the environment, a file, or a test). */
public final class StaticCredentialsProvider implements CredentialsProvider {

  private final Credentials credentials;
  private final String description;

  public StaticCredentialsProvider(Credentials credentials, String description) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public CompletionStage<Credentials> credentials() {
    return CompletableFuture.completedFuture(credentials);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "StaticCredentialsProvider[" + description + ", " + credentials + "]";
  }
}
