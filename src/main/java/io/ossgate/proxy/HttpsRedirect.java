package io.ossgate.proxy;

import io.ossgate.site.SiteRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * {@code sites[].https-redirect: true}: a plain-HTTP request is answered by the gateway with a
 * redirect to the same host on the HTTPS listener, path and query byte for byte, and is never
 * forwarded. GET and HEAD get 301 (what browsers and caches expect); other methods get 308, which
 * tells clients to repeat the same method and body (a 301 would let them turn a PUT into a GET).
 */
public final class HttpsRedirect implements SitePolicy {

  private final IntSupplier httpsPort;

  /** @param httpsPort the HTTPS listener's port, read per request (the bound port may come later) */
  public HttpsRedirect(IntSupplier httpsPort) {
    this.httpsPort = Objects.requireNonNull(httpsPort, "httpsPort");
  }

  @Override
  public boolean answerLocally(ClientRequest request, HttpServerResponse response) {
    if (request.ssl()) {
      return false;
    }
    boolean safe = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    response.setStatusCode(safe ? 301 : 308);
    response.putHeader(HttpHeaders.LOCATION, location(request.host(), httpsPort.getAsInt(), request.uri()));
    if (mayHaveBody(request) && !Connections.isHttp2(response)) {
      // The body stays unread: the connection cannot carry another request after this answer.
      Connections.closeAfter(response);
    }
    response.end();
    return true;
  }

  /** {@code https://host[:port]/uri}; the port only when it is not 443. */
  static String location(String hostHeader, int port, String uri) {
    String host = SiteRegistry.normalizeHost(hostHeader);
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "https://" + host + (port == 443 || port <= 0 ? "" : ":" + port) + uri;
  }

  private static boolean mayHaveBody(ClientRequest request) {
    String length = request.headers().get(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.trim().equals("0"));
  }

  @Override
  public String toString() {
    return "HttpsRedirect";
  }
}
