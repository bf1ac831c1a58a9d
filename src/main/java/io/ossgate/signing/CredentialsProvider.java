package io.ossgate.signing;

import java.util.concurrent.CompletionStage;

/**
 * A source of credentials. {@link #credentials()} never blocks the caller: it returns at once
 * with cached credentials or a stage that completes when a fetch does. Safe to call from an event
 * loop and from many threads.
 */
public interface CredentialsProvider {

  /** Current, unexpired credentials, or a failed stage whose message names no secret. */
  CompletionStage<Credentials> credentials();

  /** A short description for logs (never a secret), e.g. {@code environment(OSS_*)}. */
  String describe();
}
