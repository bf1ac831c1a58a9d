package io.ossgate.proxy.browser;

import io.ossgate.config.CorsSettings;
import io.ossgate.oss.OssError;
import io.ossgate.proxy.ClientRequest;
import io.ossgate.proxy.SitePolicy;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code cors}: preflights are answered by the gateway (204, or 403 {@code AccessForbidden} like
 * OSS), and every response to an allowed origin — relayed or made by the gateway — carries the CORS
 * headers ({@link CorsRules}).
 */
final class CorsPolicy implements SitePolicy {

  /** OSS's code for a refused CORS request (oss-reference §7). */
  static final String ACCESS_FORBIDDEN = "AccessForbidden";

  private final CorsRules rules;

  CorsPolicy(CorsSettings settings) {
    this.rules = new CorsRules(settings);
  }

  @Override
  public boolean answerLocally(ClientRequest request, HttpServerResponse response) {
    MultiMap in = request.headers();
    if (!CorsRules.isPreflight(request.method().name(), in)) {
      return false;
    }
    CorsRules.Preflight decision = rules.preflight(in.get("Origin"), in.get(CorsRules.REQUEST_METHOD),
        in.get(CorsRules.REQUEST_HEADERS));
    if (decision instanceof CorsRules.Preflight.Allowed allowed) {
      response.setStatusCode(204);
      response.headers().addAll(allowed.headers());
      response.end();
      return true;
    }
    String reason = ((CorsRules.Preflight.Refused) decision).reason();
    OssError error = new OssError(403, ACCESS_FORBIDDEN,
        "CORSResponse: this CORS request is not allowed by the gateway's cors rules for this site: " + reason + ".");
    // The preflight never reaches the proxy's request path, so it gets its own OSS-shaped id.
    String requestId = HexFormat.of().withUpperCase().formatHex(randomBytes());
    response.setStatusCode(403);
    response.putHeader("Content-Type", OssError.CONTENT_TYPE);
    response.putHeader("x-oss-request-id", requestId);
    response.putHeader("Vary", "Origin, " + CorsRules.REQUEST_METHOD + ", " + CorsRules.REQUEST_HEADERS);
    response.end(Buffer.buffer(error.toXml(requestId, request.host())));
    return true;
  }

  @Override
  public void onResponseHeaders(ClientRequest request, int status, MultiMap headers) {
    rules.applyToResponse(request.headers().get("Origin"), request.method().name(), headers);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  @Override
  public String toString() {
    return "cors";
  }
}
