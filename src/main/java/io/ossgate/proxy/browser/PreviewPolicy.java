package io.ossgate.proxy.browser;

import io.ossgate.proxy.ClientRequest;
import io.ossgate.proxy.SitePolicy;
import io.vertx.core.MultiMap;

/** {@code preview: inline}: relayed responses lose OSS's forced download ({@link InlinePreview}). */
final class PreviewPolicy implements SitePolicy {

  @Override
  public void onResponseHeaders(ClientRequest request, int status, MultiMap headers) {
    InlinePreview.apply(headers, request.query());
  }

  @Override
  public String toString() {
    return "preview: inline";
  }
}
