package io.ossgate.testing;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/** Request options that connect to a loopback port while the Host header names a site. */
public final class Requests {
  private Requests() {}

  /** {@code host} may carry a port ({@code a.test:8080}); without one, Host is the bare name. */
  public static RequestOptions to(int port, String host, HttpMethod method, String uri) {
    return to(port, host, method, uri, false);
  }

  public static RequestOptions to(int port, String host, HttpMethod method, String uri, boolean ssl) {
    HostAndPort authority = HostAndPort.parseAuthority(host, ssl ? 443 : 80);
    if (authority == null) {
      throw new IllegalArgumentException("not an authority: " + host);
    }
    return new RequestOptions()
        .setMethod(method)
        .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
        .setHost(authority.host())
        .setPort(authority.port())
        .setSsl(ssl)
        .setURI(uri);
  }
}
