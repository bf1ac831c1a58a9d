package io.ossgate.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;

/**
 * The benchmark's reference: the least a JVM reverse proxy can do per request, on the Netty that
 * ossgate runs on. HTTP/1.1 only, one origin, keep-alive connections pooled per event loop, the Host
 * header replaced, bodies streamed with backpressure, Netty's default read sizes (up to 64 KiB) and
 * pooled buffers. No routing, no health, no metrics, no timeouts, no error responses: it is not a
 * product, it is the floor under ossgate's small-request figures. (Reads of up to 1 MiB, as
 * ossgate's, made its 64 KiB figures worse: Netty's adaptive sizes then jump to 1 MiB after a full
 * read, docs/benchmark.md, fifth round.)
 *
 * <p>{@code run-bench.sh} starts it with {@code REFERENCE=1}, with ossgate's JVM flags, transport
 * and event-loop count, and adds its column. Run by hand (Java's single-file source mode):
 *
 * <pre>java -cp target/ossgate.jar src/bench/java/io/ossgate/bench/BareNettyProxy.java PORT ORIGIN_PORT HOST LOOPS TRANSPORT</pre>
 */
public final class BareNettyProxy {

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    int originPort = Integer.parseInt(args[1]);
    String originHost = args[2];
    int loops = Integer.parseInt(args[3]);
    String transport = args.length > 4 ? args[4] : "auto";
    Transport t = Transport.pick(transport);
    MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, t.factory);
    Pool pool = new Pool();
    new ServerBootstrap()
        .group(group)
        .channel(t.server)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new ClientSide(t, pool, originPort, originHost));
          }
        })
        .bind("127.0.0.1", port)
        .sync();
    System.out.println("bare netty proxy on :" + port + ", " + loops + " event loops, transport " + t.name);
  }

  /** The native transport ossgate would use, or what is asked for. */
  private record Transport(
      String name,
      IoHandlerFactory factory,
      Class<? extends ServerChannel> server,
      Class<? extends Channel> client) {

    static Transport pick(String wanted) {
      boolean any = wanted.equals("auto");
      if ((any || wanted.equals("io_uring")) && IoUring.isAvailable()) {
        return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class, IoUringSocketChannel.class);
      }
      if ((any || wanted.equals("epoll")) && Epoll.isAvailable()) {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
      }
      return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }
  }

  /** Idle origin connections, one list per event loop: each loop's list is touched only by it. */
  private static final class Pool {
    private final FastThreadLocal<ArrayDeque<Channel>> idlePerLoop = new FastThreadLocal<>() {
      @Override
      protected ArrayDeque<Channel> initialValue() {
        return new ArrayDeque<>();
      }
    };

    Channel take() {
      ArrayDeque<Channel> idle = idlePerLoop.get();
      Channel c;
      while ((c = idle.pollFirst()) != null) {
        if (c.isActive()) {
          return c;
        }
      }
      return null;
    }

    void give(Channel c) {
      idlePerLoop.get().addFirst(c);
    }
  }

  /** One client connection: forwards each request to a pooled origin connection. */
  private static final class ClientSide extends ChannelInboundHandlerAdapter {
    private final Transport transport;
    private final Pool pool;
    private final int originPort;
    private final String originHost;
    private Channel origin;
    private ChannelFuture connecting;

    ClientSide(Transport transport, Pool pool, int originPort, String originHost) {
      this.transport = transport;
      this.pool = pool;
      this.originPort = originPort;
      this.originHost = originHost;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        request.headers().set(HttpHeaderNames.HOST, originHost);
        HttpUtil.setKeepAlive(request, true);
        origin = pool.take();
        connecting = null;
        if (origin == null) {
          connecting = connect(ctx.channel().eventLoop());
          origin = connecting.channel();
        }
        origin.pipeline().get(OriginSide.class).serve(ctx.channel());
      }
      if (msg instanceof HttpContent || msg instanceof HttpRequest) {
        forward(msg);
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    private void forward(Object msg) {
      Channel to = origin;
      boolean last = msg instanceof LastHttpContent;
      if (connecting != null && !connecting.isDone()) {
        connecting.addListener(f -> send(to, msg, last));
      } else {
        send(to, msg, last);
      }
    }

    private static void send(Channel to, Object msg, boolean last) {
      if (last) {
        to.writeAndFlush(msg);
      } else {
        to.write(msg);
      }
    }

    private ChannelFuture connect(EventLoop loop) {
      return new Bootstrap()
          .group(loop)
          .channel(transport.client)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(new HttpClientCodec(), new OriginSide(pool));
            }
          })
          .connect("127.0.0.1", originPort);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      // Backpressure: read the origin only while the client keeps up.
      if (origin != null && origin.pipeline().get(OriginSide.class).serving(ctx.channel())) {
        origin.config().setAutoRead(ctx.channel().isWritable());
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (origin != null && origin.pipeline().get(OriginSide.class).serving(ctx.channel())) {
        origin.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** One origin connection: relays the response to the client it serves, then goes back to the pool. */
  private static final class OriginSide extends ChannelInboundHandlerAdapter {
    private final Pool pool;
    private Channel client;

    OriginSide(Pool pool) {
      this.pool = pool;
    }

    void serve(Channel client) {
      this.client = client;
    }

    boolean serving(Channel c) {
      return client == c;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Channel to = client;
      if (to == null) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof LastHttpContent) {
        client = null;
        to.writeAndFlush(msg);
        ctx.channel().config().setAutoRead(true);
        pool.give(ctx.channel());
      } else {
        to.write(msg);
        if (!to.isWritable()) {
          to.flush();
          ctx.channel().config().setAutoRead(false);
        }
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      Channel to = client;
      if (to != null) {
        to.flush();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      Channel to = client;
      if (to != null) {
        to.close(); // the body broke: the client must not see a short body end cleanly
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
