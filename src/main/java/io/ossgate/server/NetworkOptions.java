package io.ossgate.server;

import io.ossgate.config.UpstreamSettings;
import io.ossgate.upstream.RelayMemory;
import io.ossgate.upstream.UpstreamClientOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;
import java.util.concurrent.TimeUnit;

/**
 * Socket and HTTP codec options for the gateway's listeners and upstream clients, in one place.
 * The numbers are chosen for streaming large objects: 64 KiB chunks (fewer, larger buffers per
 * MB), Nagle off, long request lines for presigned URLs with STS tokens.
 */
public final class NetworkOptions {
  private NetworkOptions() {}

  /**
   * How long an idle upstream connection is kept for reuse: under OSS's own keep-alive, so the
   * gateway does not send a request on a connection OSS is about to close.
   */
  static final int KEEP_ALIVE_SECONDS = 55;

  /** Chunk size handed from the HTTP codec to the proxy. */
  static final int CHUNK_BYTES = 64 * 1024;

  /** The gateway's Vert.x: {@code eventLoops} event loops on {@code transport}. */
  public static Vertx vertx(UpstreamSettings upstream, int eventLoops, Transport transport) {
    return Vertx.builder().with(vertxOptions(upstream, eventLoops)).withTransport(transport).build();
  }

  static VertxOptions vertxOptions(UpstreamSettings upstream, int eventLoops) {
    VertxOptions options = new VertxOptions()
        .setEventLoopPoolSize(eventLoops);
    if (!upstream.dnsServers().isEmpty()) {
      options.setAddressResolverOptions(new AddressResolverOptions()
          .setServers(upstream.dnsServers())
          // OSS internal VIPs move within their ranges: do not hold on to answers for long.
          .setCacheMaxTimeToLive(30)
          .setRotateServers(true));
    }
    return options;
  }

  public static HttpServerOptions proxyServer() {
    return new HttpServerOptions()
        .setTcpNoDelay(true)
        .setReuseAddress(true)
        // No SO_REUSEPORT: Vert.x already shares one listener across the verticle instances, and
        // with it Linux may hand out a port 0 that another process's (or a closing gateway's)
        // REUSEPORT listener still holds, splitting connections between the two.
        .setMaxChunkSize(CHUNK_BYTES)
        .setMaxInitialLineLength(16 * 1024)
        .setMaxHeaderSize(32 * 1024)
        .setHandle100ContinueAutomatically(false)
        .setCompressionSupported(false)
        // Neither cleartext HTTP/2 nor WebSockets has a place in front of OSS. Left on, each adds a
        // pipeline handler that inspects every request and response of every connection.
        .setHttp2ClearTextEnabled(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setIdleTimeout(300)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  /**
   * The gateway's upstream client (requests and probes): keep-alive, the connect and idle
   * timeouts of {@code upstream}, head limits of 16 KiB (initial line) and 32 KiB (headers),
   * body chunks up to the relay's largest read, and up to 512 connections per upstream address
   * and event loop with 4096 requests waiting.
   */
  public static UpstreamClientOptions upstreamConnections(UpstreamSettings upstream) {
    return new UpstreamClientOptions((int) upstream.connectTimeout().toMillis(), upstream.idleTimeout().toMillis(),
        TimeUnit.SECONDS.toMillis(KEEP_ALIVE_SECONDS), 512, 4096, 16 * 1024, 32 * 1024, RelayMemory.MAX_READ_BYTES);
  }
}
