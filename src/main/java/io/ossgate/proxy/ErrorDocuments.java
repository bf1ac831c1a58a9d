package io.ossgate.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.ossgate.upstream.OutboundRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The fetch of a site's error document ({@link SitePolicy#errorDocument}) and how its response is
 * turned into the error it stands for: the document's body and type, the error's status.
 */
final class ErrorDocuments {

  /** Request headers that describe the original request, not a fetch of another object. */
  private static final List<String> DROPPED_REQUEST = List.of("Range", "If-Range", "If-Match", "If-None-Match",
      "If-Modified-Since", "If-Unmodified-Since", "Authorization", "Content-Length", "Transfer-Encoding",
      "Expect", "Content-MD5", "Content-Type");
  /** Validators of the document: wrong for the error it answers (a 304 or a range of a 404 makes no sense). */
  private static final List<String> DROPPED_RESPONSE = List.of("ETag", "Last-Modified", "Accept-Ranges",
      "Content-Range");

  private ErrorDocuments() {}

  /** GET (HEAD for a HEAD) of {@code uri}, with the client's other headers, without a body. */
  static OutboundRequest request(HttpMethod clientMethod, String uri, MultiMap clientHeaders) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(clientHeaders);
    DROPPED_REQUEST.forEach(headers::remove);
    HttpMethod method = clientMethod == HttpMethod.HEAD ? HttpMethod.HEAD : HttpMethod.GET;
    return new OutboundRequest(method, uri, headers, false, false, false);
  }

  /** Only a complete document (200) can stand for the error. */
  static boolean usable(int documentStatus) {
    return documentStatus == 200;
  }

  /** Turns the relayed document's head into the error's: status and reason, no validators. */
  static void asError(HttpServerResponse out, int status) {
    out.setStatusCode(status);
    out.setStatusMessage(HttpResponseStatus.valueOf(status).reasonPhrase());
    DROPPED_RESPONSE.forEach(h -> out.headers().remove(h));
  }
}
