package io.ossgate.proxy.browser;

import io.ossgate.signing.SignatureInspector;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;

/**
 * Static-website paths, as OSS's website hosting has them: a GET or HEAD of a "directory"
 * ({@code /} or {@code dir/}) fetches {@code dir/INDEX}, and a 404 is answered with the error
 * document. Pure decisions; {@link WebsitePolicy} applies them.
 *
 * <p>Rewrites only what cannot mean anything else:
 * <ul>
 *   <li>never a client-signed request (signature header or presigned query): the path is signed,
 *       and changing it would break the signature;
 *   <li>never a request with a query string: {@code GET /?prefix=a/} is a listing,
 *       {@code /?acl} a bucket sub-resource; (a cache-buster like {@code /?v=2} is therefore not
 *       rewritten either);
 *   <li>only GET and HEAD.
 * </ul>
 */
public final class IndexDocument {

  private IndexDocument() {}

  /**
   * The request-target to send instead of {@code uri}, or empty to leave it.
   *
   * @param uri the raw request-target (path and query, as sent upstream)
   * @param clientHeaders the client's request headers (for its signature)
   * @param indexName a plain object name like {@code index.html} (validated by the config: needs
   *     no percent-encoding)
   */
  public static Optional<String> rewrite(HttpMethod method, String uri, MultiMap clientHeaders, String indexName) {
    if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || uri.indexOf('?') >= 0 || !uri.endsWith("/")
        || clientSigned(clientHeaders, null)) {
      return Optional.empty();
    }
    return Optional.of(uri + indexName);
  }

  /**
   * The request-target of the error document that should answer a 404 to this request, or empty.
   *
   * @param rawQuery the client's raw query (without {@code ?}), or null
   * @param errorKey an object key like {@code error.html} (validated by the config)
   */
  public static Optional<String> errorDocument(HttpMethod method, int status, MultiMap clientHeaders,
      String rawQuery, String errorKey) {
    if (status != 404 || (method != HttpMethod.GET && method != HttpMethod.HEAD)
        || clientSigned(clientHeaders, rawQuery)) {
      return Optional.empty();
    }
    return Optional.of("/" + errorKey);
  }

  /** True when the request carries a client signature of any form. */
  static boolean clientSigned(MultiMap headers, String rawQuery) {
    String auth = headers.get(HttpHeaders.AUTHORIZATION);
    return SignatureInspector.inspect(auth == null ? Map.of() : Map.of("authorization", auth), rawQuery).signed();
  }
}
