package io.ossgate.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.ossgate.common.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's HTTP/1.1 client for upstreams, one per event loop: keep-alive connection pools
 * per upstream address, on Netty's HTTP codec, in the same event loop as the client connections
 * it serves.
 *
 * <p>Why not Vert.x's HTTP client, which the gateway used before:
 * <ul>
 *   <li>CPU: per request it dispatches through its own context, completes several promises, leases
 *       through its endpoint machinery and builds two header maps. Lab proxies on this machine
 *       (docs/benchmark.md, seventh round): a Vert.x server with a Netty client used 22–27 µs per
 *       1 KiB request where a Vert.x server with Vert.x's client had used 25–28.
 *   <li>Control of reads: a paused Vert.x response still took up to 16 more chunks from its
 *       connection, so the relay had to reach into Vert.x's internals for the channel to stop
 *       reads itself. Here pausing a response stops its connection's reads, and the channel's
 *       allocator and read sizes are set where the channel is made.
 *   <li>Order of events: the connection goes back to the pool before the end of the response is
 *       reported, so a request started from an end handler (a resume, an error document) reuses it.
 * </ul>
 *
 * <p>Confined to its event loop: every method is called on it, and every callback runs on it
 * within the owning verticle's Vert.x context (so Vert.x timers and futures started from a
 * callback stay on this loop).
 */
public final class UpstreamClient {

  /**
   * Response heads decode into Vert.x's header map, which is also a Netty {@link HttpHeaders}: the
   * relay then copies them to the client's response map to map, without turning every name into
   * a String on the way (a quarter of the cost of writing a small response's head). Not
   * validated again: the decoder has split the lines, and the values go out as they came. The
   * trailers of a body's last chunk too: Vert.x's map allocates nothing until a header is added,
   * where Netty's default allocates its table for every response.
   */
  private static final HttpHeadersFactory VERTX_HEADERS = new HttpHeadersFactory() {
    @Override
    public HttpHeaders newHeaders() {
      return HeadersMultiMap.httpHeaders(null);
    }

    @Override
    public HttpHeaders newEmptyHeaders() {
      return HeadersMultiMap.httpHeaders(null);
    }
  };

  private final ContextInternal context;
  private final EventLoop loop;
  private final ChannelFactory<? extends Channel> channels;
  private final AddressResolverGroup<InetSocketAddress> resolver;
  private final UpstreamClientOptions options;
  private final SslContext tls;
  private final Supplier<ChannelHandler> idleHandler;
  private final ChannelSetup setup;
  private final Ticker ticker;
  private final Map<UpstreamTarget, ConnectionPool> pools = new HashMap<>();
  private boolean closed;

  /** Prepares each new upstream channel before its first read (its allocator, its read sizes). */
  @FunctionalInterface
  public interface ChannelSetup {
    void configure(Channel channel);
  }

  /**
   * @param context the verticle's context: its event loop runs the connections, and callbacks run in it
   * @param tls the client TLS context for HTTPS upstreams (trust, host name verification)
   * @param idleHandler a new all-idle timeout handler per connection, firing an {@code IdleStateEvent}
   * @param setup applied to every new channel
   * @param ticker the time source of the pools' keep-alive rule
   */
  public UpstreamClient(ContextInternal context, UpstreamClientOptions options, SslContext tls,
      Supplier<ChannelHandler> idleHandler, ChannelSetup setup, Ticker ticker) {
    this.context = context;
    this.loop = context.nettyEventLoop();
    this.channels = context.owner().transport().channelFactory(false);
    this.resolver = context.owner().nameResolver().nettyAddressResolverGroup();
    this.options = options;
    this.tls = tls;
    this.idleHandler = idleHandler;
    this.setup = setup;
    this.ticker = ticker;
  }

  /**
   * A connection to {@code target} for one exchange: a pooled one when one is idle, else a new one
   * (or the next one released when the pool is at its size). Fails with the connect or TLS error.
   */
  public Future<UpstreamConnection> lease(UpstreamTarget target) {
    return closed ? closedFailure() : pool(target).lease(false);
  }

  /**
   * As {@link #lease}, but never waits for the pool: at its size, a new connection is opened
   * beyond it (and closed when released). For probes, which measure the upstream and must not
   * queue behind the gateway's own requests.
   */
  public Future<UpstreamConnection> leaseForProbe(UpstreamTarget target) {
    return closed ? closedFailure() : pool(target).lease(true);
  }

  /**
   * As {@link #lease}, but a pooled connection only if it was last used less than
   * {@code maxIdleNanos} ago, else a new one: for a request that cannot be sent twice.
   */
  public Future<UpstreamConnection> leaseRecent(UpstreamTarget target, long maxIdleNanos) {
    return closed ? closedFailure() : pool(target).lease(false, maxIdleNanos);
  }

  /** A new connection to {@code target}, not an idle one (see {@link ConnectionPool#leaseNew}). */
  public Future<UpstreamConnection> leaseNew(UpstreamTarget target) {
    return closed ? closedFailure() : pool(target).leaseNew();
  }

  private static Future<UpstreamConnection> closedFailure() {
    return Future.failedFuture(new IllegalStateException("upstream client closed"));
  }

  private ConnectionPool pool(UpstreamTarget target) {
    ConnectionPool pool = pools.get(target);
    if (pool == null) {
      // Only on a target's first request: the capturing lambda is an allocation.
      pool = pools.computeIfAbsent(target, t -> new ConnectionPool(this, t, options));
    }
    return pool;
  }

  /** Closes every connection, idle or busy. Idempotent. */
  public void close() {
    closed = true;
    for (ConnectionPool pool : new ArrayList<>(pools.values())) {
      pool.close();
    }
    pools.clear();
  }

  /** Idle and busy connections to {@code target} (tests, diagnostics). */
  int openConnections(UpstreamTarget target) {
    ConnectionPool pool = pools.get(target);
    return pool == null ? 0 : pool.open();
  }

  ContextInternal context() {
    return context;
  }

  Ticker ticker() {
    return ticker;
  }

  /** Opens a connection for {@code pool}; completes once it can carry a request (after TLS). */
  void connect(ConnectionPool pool, Promise<UpstreamConnection> connected) {
    UpstreamTarget target = pool.target();
    UpstreamConnection connection = new UpstreamConnection(pool, options);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channelFactory(channels)
        .resolver(resolver)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMillis())
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            setup.configure(ch);
            if (target.ssl()) {
              // SNI and host name verification against the bucket domain, whatever address
              // upstream.resolve pinned the connection to.
              SslHandler ssl = tls.newHandler(ch.alloc(), target.host(), target.hostHeaderPort());
              ch.pipeline().addLast("tls", ssl);
            }
            ch.pipeline().addLast("idle", idleHandler.get());
            ch.pipeline().addLast("codec", new UpstreamHttpCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize())
                .setMaxChunkSize(options.maxChunkSize())
                .setHeadersFactory(VERTX_HEADERS)
                .setTrailersFactory(VERTX_HEADERS)));
            ch.pipeline().addLast("exchange", connection);
          }
        });
    InetSocketAddress address = InetSocketAddress.createUnresolved(target.server().host(), target.server().port());
    bootstrap.connect(address).addListener(f -> {
      if (!f.isSuccess()) {
        context.dispatch(() -> connected.fail(f.cause()));
        return;
      }
      SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
      if (ssl == null) {
        context.dispatch(() -> connected.complete(connection));
        return;
      }
      ssl.handshakeFuture().addListener(h -> context.dispatch(() -> {
        if (h.isSuccess()) {
          connected.complete(connection);
        } else {
          connection.channel().close();
          connected.fail(h.cause());
        }
      }));
    });
  }
}
