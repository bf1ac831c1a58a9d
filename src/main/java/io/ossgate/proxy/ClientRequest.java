package io.ossgate.proxy;

import io.ossgate.signing.SignatureInfo;
import io.ossgate.signing.SignatureInspector;
import io.ossgate.site.Site;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link SitePolicy} may read of the client's request: method, the raw request-target, the
 * headers as received, the Host it was addressed to, and whether it arrived over TLS.
 *
 * <p>Several policies ask about the client's signature, some once per attempt; it is inspected
 * once, on first use. Confined to the exchange's event loop.
 */
public final class ClientRequest {

  private final Site site;
  private final HttpMethod method;
  private final String uri;
  private final MultiMap headers;
  private final String host;
  private final boolean ssl;
  private SignatureInfo signature;

  public ClientRequest(Site site, HttpMethod method, String uri, MultiMap headers, String host, boolean ssl) {
    this.site = Objects.requireNonNull(site, "site");
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.host = Objects.requireNonNull(host, "host");
    this.ssl = ssl;
  }

  public Site site() {
    return site;
  }

  public HttpMethod method() {
    return method;
  }

  /** The raw request-target: path and query as received. */
  public String uri() {
    return uri;
  }

  public MultiMap headers() {
    return headers;
  }

  public String host() {
    return host;
  }

  public boolean ssl() {
    return ssl;
  }

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

  /** The client's signature (its form and what it covers), from the Authorization header or the query. */
  public SignatureInfo signature() {
    if (signature == null) {
      String auth = headers.get(HttpHeaders.AUTHORIZATION);
      signature = SignatureInspector.inspect(auth == null ? Map.of() : Map.of("authorization", auth), query());
    }
    return signature;
  }

  @Override
  public String toString() {
    return "ClientRequest[" + method + " " + host + " " + LogSafe.path(uri) + "]";
  }
}
