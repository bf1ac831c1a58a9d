package io.ossgate.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;

/**
 * One keep-alive HTTP/1.1 connection to an upstream, the last handler of its channel: it carries
 * one {@link UpstreamExchange} at a time and goes back to its pool when an exchange ends cleanly.
 *
 * <p>Every event is handled within the owning verticle's Vert.x context, so what the proxy starts
 * from here (timers, futures, the next attempt) stays on this event loop.
 */
public final class UpstreamConnection extends ChannelInboundHandlerAdapter {

  private final ConnectionPool pool;
  private final UpstreamClientOptions options;
  private final ContextInternal context;
  private Channel channel;
  private UpstreamExchange exchange;
  private boolean reusable = true;
  /** Exchanges begun on this connection, the current one included. */
  private int exchanges;
  /** The gateway closed the channel itself (a timeout, an abandoned exchange, shutdown). */
  private boolean closedHere;
  /** When it last went back to the pool idle ({@link io.ossgate.common.Ticker} nanos). */
  private long idleSince;
  /** Why the channel is being closed, when the connection itself closed it. */
  private Throwable closeCause;

  UpstreamConnection(ConnectionPool pool, UpstreamClientOptions options) {
    this.pool = pool;
    this.options = options;
    this.context = pool.client().context();
  }

  /** Starts an exchange with {@code head}; nothing is written until the exchange sends. */
  UpstreamExchange begin(AttemptRequest head) {
    if (exchange != null) {
      throw new IllegalStateException("connection busy");
    }
    exchanges++;
    exchange = new UpstreamExchange(this, head);
    return exchange;
  }

  /** True when the current exchange is not the connection's first: it came from the pool. */
  boolean reused() {
    return exchanges > 1;
  }

  /** True when the channel closed (or is closing) because the gateway closed it, not the upstream. */
  boolean closedHere() {
    return closedHere;
  }

  Channel channel() {
    return channel;
  }

  ContextInternal context() {
    return context;
  }

  UpstreamTarget target() {
    return pool.target();
  }

  void idleSince(long nanos) {
    idleSince = nanos;
  }

  long idleSince() {
    return idleSince;
  }

  boolean reusable() {
    return reusable && channel.isActive();
  }

  void close() {
    closedHere = true;
    reusable = false;
    if (channel != null) {
      channel.close();
    }
  }

  /**
   * {@code ended}'s exchange is over: the connection goes back to the pool when both messages
   * were complete and both sides keep the connection alive, else it closes.
   */
  void exchangeEnded(UpstreamExchange ended, boolean keepAlive) {
    if (exchange != ended) {
      return;
    }
    exchange = null;
    // A body paused near its end may have stopped reads: an idle pooled connection must read, to
    // notice that the upstream closed it.
    channel.config().setAutoRead(true);
    if (keepAlive && reusable()) {
      pool.release(this);
    } else {
      close();
    }
  }

  /** Gives back a leased connection on which no exchange began. */
  public void unused() {
    if (exchange == null && reusable()) {
      pool.release(this);
    }
  }

  /** The exchange was abandoned mid-way: the connection cannot carry another. */
  void abandon(UpstreamExchange abandoned) {
    if (exchange == abandoned) {
      exchange = null;
      close();
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    UpstreamExchange current = exchange;
    if (current == null) {
      // Bytes nobody asked for (or after an abandoned exchange): the connection is out of step.
      ReferenceCountUtil.release(msg);
      close();
      return;
    }
    ContextInternal previous = context.beginDispatch();
    try {
      current.received(msg);
    } finally {
      context.endDispatch(previous);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    UpstreamExchange current = exchange;
    if (current != null && channel.isWritable()) {
      context.dispatch(v -> current.writable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reusable = false;
    UpstreamExchange current = exchange;
    exchange = null;
    context.dispatch(v -> {
      pool.closed(this);
      if (current != null) {
        current.connectionClosed(closeCause != null ? closeCause
            : new IOException("connection closed by " + pool.target().describe()));
      }
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      if (closeCause == null) {
        closeCause = new IOException("idle timeout: no bytes moved for " + options.idleTimeoutMillis() + " ms");
      }
      close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    // A reset or a broken TLS session: the upstream's doing, so not closedHere.
    reusable = false;
    channel.close();
  }
}
