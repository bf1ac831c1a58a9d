package io.ossgate.emulator;

import io.ossgate.oss.OssError;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Checks the signature of a request that carries one (an Authorization header or signature query
 * parameters). Anonymous requests never reach it: the bucket ACL decides those. Called on the
 * endpoint's event loop before the body is read, so it must not block.
 */
@FunctionalInterface
public interface RequestAuthenticator {

  /** Empty to accept; an error (e.g. 403 SignatureDoesNotMatch) to refuse the request. */
  Optional<OssError> authenticate(HttpServerRequest request, BucketSettings bucket);

  /** Accepts every signed request without checking it. */
  static RequestAuthenticator acceptAll() {
    return (request, bucket) -> Optional.empty();
  }
}
