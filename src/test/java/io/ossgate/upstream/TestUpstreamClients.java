package io.ossgate.upstream;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.ossgate.common.Ticker;
import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import io.ossgate.site.Upstream;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Upstream clients for tests: call on a Vert.x event-loop context, which the client then belongs to. */
final class TestUpstreamClients {
  private TestUpstreamClients() {}

  static final UpstreamClientOptions OPTIONS =
      new UpstreamClientOptions(2_000, 10_000, 55_000, 4, 8, 16 * 1024, 32 * 1024, RelayMemory.MAX_READ_BYTES);

  /** {@link #OPTIONS} with another pool size and waiter limit. */
  static UpstreamClientOptions pool(int maxConnections, int maxWaiters) {
    UpstreamClientOptions d = OPTIONS;
    return new UpstreamClientOptions(d.connectTimeoutMillis(), d.idleTimeoutMillis(), d.keepAliveMillis(),
        maxConnections, maxWaiters, d.maxInitialLineLength(), d.maxHeaderSize(), d.maxChunkSize());
  }

  static UpstreamClient create(Vertx vertx, UpstreamClient.ChannelSetup setup) {
    return create(vertx, OPTIONS, setup);
  }

  static UpstreamClient create(Vertx vertx, UpstreamClientOptions options, UpstreamClient.ChannelSetup setup) {
    return create(vertx, options, setup, Ticker.system());
  }

  /** With {@code ticker} as the pools' time source (their keep-alive rules). */
  static UpstreamClient create(Vertx vertx, UpstreamClientOptions options, UpstreamClient.ChannelSetup setup,
      Ticker ticker) {
    try {
      return new UpstreamClient((ContextInternal) vertx.getOrCreateContext(), options,
          SslContextBuilder.forClient().build(),
          () -> new IdleStateHandler(0, 0, options.idleTimeoutMillis(), TimeUnit.MILLISECONDS), setup, ticker);
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain-HTTP target for a bucket domain pinned to 127.0.0.1:{@code port}. */
  static UpstreamTarget plainTarget(int port) {
    Upstream upstream = new Upstream("test",
        BucketDomain.of(BucketName.of("test-bucket"), EndpointType.INTERNET, RegionId.of("cn-hangzhou")));
    return new UpstreamTarget(upstream, false, upstream.host(), SocketAddress.inetSocketAddress(port, "127.0.0.1"));
  }

  static AttemptRequest get(String uri, UpstreamTarget target) {
    return request(HttpMethod.GET, uri, target);
  }

  /** A request with no headers yet but the Host of {@code target}, which the codec writes. */
  static AttemptRequest request(HttpMethod method, String uri, UpstreamTarget target) {
    return new AttemptRequest(method, uri, new DefaultHttpHeaders(), target.hostHeader());
  }
}
