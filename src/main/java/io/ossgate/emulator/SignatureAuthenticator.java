package io.ossgate.emulator;

import io.ossgate.oss.OssError;
import io.ossgate.signing.Credentials;
import io.ossgate.signing.SignatureVerifier;
import io.ossgate.signing.SignedRequest;
import io.ossgate.signing.VerifyResult;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks signatures the way OSS does, with {@link SignatureVerifier}: V1 and V4, header and
 * presigned forms, against a fixed set of access keys. The bucket comes from the Host (already
 * resolved by the router, bound domains included), the path and query are taken raw as received,
 * so a proxy that re-encodes anything is caught. Refusals are the OSS 403 codes
 * ({@code SignatureDoesNotMatch}, {@code InvalidAccessKeyId}, ...); their messages never hold a
 * secret.
 */
public final class SignatureAuthenticator implements RequestAuthenticator {

  private final Map<String, Credentials> byKeyId;
  private final SignatureVerifier verifier = new SignatureVerifier();
  private final Clock clock;

  private SignatureAuthenticator(Map<String, Credentials> byKeyId, Clock clock) {
    this.byKeyId = Map.copyOf(byKeyId);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Accepts requests signed with any of {@code keys}; time from {@code clock}. */
  public static SignatureAuthenticator of(Collection<Credentials> keys, Clock clock) {
    Map<String, Credentials> byId = new LinkedHashMap<>();
    for (Credentials c : keys) {
      if (byId.putIfAbsent(c.accessKeyId(), c) != null) {
        throw new IllegalArgumentException("keys: access key id " + c.accessKeyId() + " appears twice");
      }
    }
    return new SignatureAuthenticator(byId, clock);
  }

  /** The access key ids this authenticator knows (never the secrets). */
  public java.util.Set<String> keyIds() {
    return byKeyId.keySet();
  }

  @Override
  public Optional<OssError> authenticate(HttpServerRequest request, BucketSettings bucket) {
    TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Repeated headers are joined with ',' as the signers do.
    request.headers().forEach(e -> headers.merge(e.getKey(), e.getValue(), (a, b) -> a + "," + b));
    SignedRequest signed = SignedRequest.of(request.method().name(), bucket.name().value(),
        request.path(), request.query(), headers);
    VerifyResult result = verifier.verify(signed, id -> Optional.ofNullable(byKeyId.get(id)), clock.instant());
    if (result instanceof VerifyResult.Invalid invalid) {
      return Optional.of(new OssError(invalid.httpStatus(), invalid.code(), invalid.message()));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "SignatureAuthenticator" + byKeyId.keySet();
  }
}
