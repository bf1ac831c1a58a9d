package io.ossgate.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Caches credentials from an asynchronous fetcher and refreshes them before they expire.
 *
 * <ul>
 *   <li>Valid credentials are returned at once; when a refresh is due ({@link RefreshPolicy}) it
 *       starts in the background and callers keep getting the old ones meanwhile.
 *   <li>At most one fetch is in flight (single-flight); callers without valid credentials join it.
 *   <li>After a failure no fetch starts until the backoff has passed; while the old credentials
 *       are still valid they are served, otherwise callers get the failure.
 * </ul>
 * Time comes from the injected clock. The lock guards only state changes, never I/O.
 */
public final class RefreshingCredentialsProvider implements CredentialsProvider {

  private final Supplier<CompletionStage<Credentials>> fetcher;
  private final Clock clock;
  private final RefreshPolicy policy;
  private final String description;
  private final Object lock = new Object();

  // Guarded by lock.
  private Credentials current;
  private Instant fetchedAt;
  private CompletableFuture<Credentials> inFlight;
  private CompletableFuture<Credentials> lastFetch;
  private int failures;
  private Instant nextAttempt = Instant.MIN;
  private Throwable lastError;

  public RefreshingCredentialsProvider(Supplier<CompletionStage<Credentials>> fetcher, Clock clock,
      RefreshPolicy policy, String description) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public CompletionStage<Credentials> credentials() {
    Instant now = clock.instant();
    CompletableFuture<Credentials> started = null;
    CompletableFuture<Credentials> wait;
    Credentials serve = null;
    synchronized (lock) {
      boolean valid = current != null && !current.expiredAt(now);
      boolean backingOff = now.isBefore(nextAttempt);
      if (valid) {
        serve = current;
        wait = null;
        if (inFlight == null && !backingOff && current.expiration().isPresent()
            && policy.refreshDue(fetchedAt, current.expiration().get(), now)) {
          started = inFlight = lastFetch = new CompletableFuture<>();
        }
      } else if (inFlight != null) {
        wait = inFlight;
      } else if (backingOff && lastError != null) {
        return CompletableFuture.failedFuture(lastError);
      } else {
        started = inFlight = wait = lastFetch = new CompletableFuture<>();
      }
    }
    if (started != null) {
      launch(started);
    }
    return serve != null ? CompletableFuture.completedFuture(serve) : wait.minimalCompletionStage();
  }

  private void launch(CompletableFuture<Credentials> result) {
    CompletionStage<Credentials> fetch;
    try {
      fetch = fetcher.get();
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    fetch.whenComplete((creds, error) -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      Instant at = clock.instant();
      synchronized (lock) {
        inFlight = null;
        if (cause == null) {
          current = creds;
          fetchedAt = at;
          failures = 0;
          nextAttempt = Instant.MIN;
          lastError = null;
        } else {
          failures++;
          nextAttempt = at.plus(policy.backoff(failures));
          lastError = cause instanceof CredentialsException ? cause
              : new CredentialsException(description + ": fetch failed (" + cause + ")", cause);
        }
      }
      if (cause == null) {
        result.complete(creds);
      } else {
        result.completeExceptionally(lastErrorOr(cause));
      }
    });
  }

  private Throwable lastErrorOr(Throwable cause) {
    synchronized (lock) {
      return lastError != null ? lastError : cause;
    }
  }

  /**
   * The most recently started fetch, finished or not (tests wait on it instead of sleeping; a
   * fetch on a fast loopback server may finish before the caller looks).
   */
  Optional<CompletableFuture<Credentials>> lastFetch() {
    synchronized (lock) {
      return Optional.ofNullable(lastFetch);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "RefreshingCredentialsProvider[" + description + ", current=" + current
          + ", failures=" + failures + "]";
    }
  }
}
