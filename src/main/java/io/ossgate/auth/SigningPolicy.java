package io.ossgate.auth;

import io.ossgate.proxy.ClientRequest;
import io.ossgate.proxy.SitePolicy;
import io.ossgate.signing.Credentials;
import io.ossgate.signing.CredentialsProvider;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@code auth: sign}: every attempt (and every resume) is signed afresh with the gateway's current
 * credentials, V4 for the site's bucket and region, whatever the client sent. Because the signature
 * never covers Host, the same request is valid on every endpoint type, so failover keeps working.
 * Credentials come from a non-blocking provider; the result is delivered on the caller's context.
 */
public final class SigningPolicy implements SitePolicy {

  private final String bucket;
  private final String region;
  private final CredentialsProvider credentials;
  private final Clock clock;

  public SigningPolicy(String bucket, String region, CredentialsProvider credentials, Clock clock) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.region = Objects.requireNonNull(region, "region");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<OutboundRequest> prepare(ClientRequest request, OutboundRequest base, UpstreamTarget target) {
    CompletionStage<Credentials> stage;
    try {
      stage = credentials.credentials();
    } catch (RuntimeException e) {
      return Future.failedFuture(unavailable(e));
    }
    Context context = Vertx.currentContext();
    Future<Credentials> creds = context == null ? Future.fromCompletionStage(stage)
        : Future.fromCompletionStage(stage, context);
    return creds.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(unavailable(ar.cause()));
      }
      try {
        return Future.succeededFuture(RequestResigner.sign(base, bucket, region, ar.result(), clock.instant()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new IllegalArgumentException("cannot sign the request: " + e.getMessage()));
      }
    });
  }

  /** Credential errors name the source and the reason, never a secret (CredentialsException's rule). */
  private IllegalStateException unavailable(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return new IllegalStateException("no gateway credentials from " + credentials.describe() + ": "
        + cause.getMessage());
  }

  @Override
  public String toString() {
    return "SigningPolicy[" + bucket + ", " + region + ", " + credentials.describe() + "]";
  }
}
