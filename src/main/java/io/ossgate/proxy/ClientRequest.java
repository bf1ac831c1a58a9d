package io.ossgate.proxy;

import io.ossgate.site.Site;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * What a {@link SitePolicy} may read of the client's request: method, the raw request-target, the
 * headers as received, the Host it was addressed to, and whether it arrived over TLS.
 */
public record ClientRequest(Site site, HttpMethod method, String uri, MultiMap headers, String host, boolean ssl) {

  /** The path part of {@link #uri()}, without the query. */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  /** The raw query (without '?'), or null. */
  public String query() {
    int q = uri.indexOf('?');
    return q < 0 ? null : uri.substring(q + 1);
  }
}
