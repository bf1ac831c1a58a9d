package io.ossgate.upstream;

import io.ossgate.config.HostPort;
import io.ossgate.config.UpstreamSettings;
import io.ossgate.site.Upstream;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * Where the bytes for an upstream go: the bucket domain (Host header, TLS SNI) and the socket
 * address to connect to — the domain itself, or an address pinned with {@code upstream.resolve}.
 */
public record UpstreamTarget(Upstream upstream, boolean ssl, String host, SocketAddress server) {

  public UpstreamTarget {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(server, "server");
  }

  /** Resolves every upstream of a site against the scheme and the pins. Pure, no DNS. */
  public static UpstreamTarget of(Upstream upstream, UpstreamSettings settings) {
    boolean ssl = settings.scheme() == UpstreamSettings.Scheme.HTTPS;
    Map<String, HostPort> pins = settings.resolve();
    HostPort pin = pins.get(upstream.host());
    SocketAddress server = pin != null
        ? SocketAddress.inetSocketAddress(pin.port(), pin.host())
        : SocketAddress.inetSocketAddress(settings.scheme().defaultPort(), upstream.host());
    return new UpstreamTarget(upstream, ssl, upstream.host(), server);
  }

  /** The value of the Host header: the bucket domain, with a port only when it is not the default. */
  public String hostHeader() {
    return host;
  }

  /**
   * The port to put in the Host header: the scheme's default, so Vert.x writes the bare bucket
   * domain whatever address {@link #server()} connects to.
   */
  public int hostHeaderPort() {
    return ssl ? 443 : 80;
  }

  /** For messages: {@code internal example-bucket.oss-...-internal.aliyuncs.com (127.0.0.1:4001)}. */
  public String describe() {
    String addr = server.host() + ":" + server.port();
    return upstream.type().configName() + " " + host + (addr.startsWith(host + ":") ? "" : " (" + addr + ")");
  }
}
