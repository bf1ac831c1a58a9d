package io.ossgate.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Set;

/**
 * HTTP/2 frames bodies itself: a client streaming an upload of unknown size sends neither
 * Content-Length nor Transfer-Encoding, only DATA frames until END_STREAM. Upstream is HTTP/1.1,
 * where such a body must go out chunked.
 *
 * <p>Vert.x does not tell, while the request is paused, whether the HEADERS frame ended the stream
 * ({@code isEnded()} turns true only once the end is delivered), so the decision goes by method:
 * PUT, POST and PATCH without Content-Length are treated as streamed bodies (an empty one goes out
 * as an empty chunked body, which is still valid); other methods as body-less, as OSS defines them.
 */
final class Http2Bodies {
  private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.PUT, HttpMethod.POST, HttpMethod.PATCH);

  private Http2Bodies() {}

  /** True when an HTTP/2 request has a body whose length was not announced. */
  static boolean unsized(HttpServerRequest in) {
    return in.version() == HttpVersion.HTTP_2 && BODY_METHODS.contains(in.method())
        && !in.headers().contains(HttpHeaders.CONTENT_LENGTH) && !in.isEnded();
  }
}
