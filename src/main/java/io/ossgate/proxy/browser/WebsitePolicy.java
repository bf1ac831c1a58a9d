package io.ossgate.proxy.browser;

import io.ossgate.proxy.ClientRequest;
import io.ossgate.proxy.SitePolicy;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * {@code index-document} and {@code error-document}: a static web site on a bucket. The index
 * document rewrites each attempt's path ({@link #prepare}); the error document is named to the
 * proxy, which fetches it from the same upstream when OSS answers 404 ({@link #errorDocument}).
 */
final class WebsitePolicy implements SitePolicy {

  private final Optional<String> indexDocument;
  private final Optional<String> errorDocument;

  WebsitePolicy(Optional<String> indexDocument, Optional<String> errorDocument) {
    this.indexDocument = indexDocument;
    this.errorDocument = errorDocument;
  }

  @Override
  public Future<OutboundRequest> prepare(ClientRequest request, OutboundRequest base, UpstreamTarget target) {
    if (indexDocument.isEmpty()) {
      return Future.succeededFuture(base);
    }
    // The base request, not the client's: an error document fetch must not be rewritten again.
    Optional<String> uri = IndexDocument.rewrite(base.method(), base.uri(), request.headers(), indexDocument.get());
    return Future.succeededFuture(uri.map(u -> new OutboundRequest(base.method(), u, base.headers(), base.hasBody(),
        base.chunked(), base.expectContinue())).orElse(base));
  }

  @Override
  public Optional<String> errorDocument(ClientRequest request, int status) {
    return errorDocument.flatMap(key ->
        IndexDocument.errorDocument(request.method(), status, request.headers(), request.query(), key));
  }

  @Override
  public String toString() {
    return "website" + indexDocument.map(i -> " index-document: " + i).orElse("")
        + errorDocument.map(e -> " error-document: " + e).orElse("");
  }
}
