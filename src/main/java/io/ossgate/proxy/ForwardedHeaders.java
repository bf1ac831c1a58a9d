package io.ossgate.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Adds {@code X-Forwarded-For/-Proto/-Host}. None of them is an {@code x-oss-*} header, so they
 * never change what a client signed.
 */
final class ForwardedHeaders {
  private ForwardedHeaders() {}

  static void add(HttpServerRequest in, RequestTarget target, MultiMap out) {
    SocketAddress remote = in.remoteAddress();
    String clientIp = remote == null ? null : remote.hostAddress();
    if (clientIp != null) {
      String prior = out.get("x-forwarded-for");
      out.set("X-Forwarded-For", prior == null || prior.isBlank() ? clientIp : prior + ", " + clientIp);
    }
    if (!out.contains("x-forwarded-proto")) {
      out.set("X-Forwarded-Proto", in.isSSL() ? "https" : "http");
    }
    if (!out.contains("x-forwarded-host") && !target.host().isEmpty()) {
      out.set("X-Forwarded-Host", target.host());
    }
  }
}
