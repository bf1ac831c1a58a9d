package io.ossgate.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;

/**
 * One request and its response on an {@link UpstreamConnection}. The request side is a
 * {@link WriteStream} for the body (a client's upload is piped into it with backpressure: the
 * stream is full while the channel is not writable); the response arrives as an
 * {@link UpstreamResponse}.
 *
 * <p>Confined to the connection's event loop.
 */
public final class UpstreamExchange implements WriteStream<Buffer> {

  private final UpstreamConnection connection;
  private final Channel channel;
  private final AttemptRequest head;
  private final Promise<UpstreamResponse> response = Promise.promise();
  private UpstreamResponse body;
  private Runnable continueHandler;
  private Handler<Void> drainHandler;
  private boolean headSent;
  private boolean requestEnded;
  private boolean responseEnded;
  /** The response head allows another exchange on the connection. */
  private boolean keepAlive;
  /** After a 1xx head the codec reports an empty end that belongs to it, not to the response. */
  private boolean informational;
  /** Reset, or its connection closed: nothing more happens on the wire for this exchange. */
  private boolean over;
  /** Anything at all came back from the upstream (a 100, a head, a malformed line). */
  private boolean heard;
  /** The upstream closed or reset the connection before this exchange heard anything from it. */
  private boolean droppedBeforeAnswer;

  UpstreamExchange(UpstreamConnection connection, AttemptRequest head) {
    this.connection = connection;
    this.channel = connection.channel();
    this.head = head;
  }

  /** Completes with the response head (the body follows through it), or fails when the connection breaks first. */
  public Future<UpstreamResponse> response() {
    return response.future();
  }

  /** Called when the upstream answers {@code 100 Continue}. */
  public UpstreamExchange continueHandler(Runnable handler) {
    this.continueHandler = handler;
    return this;
  }

  /** True once the whole request was handed to the connection. */
  public boolean requestEnded() {
    return requestEnded;
  }

  /**
   * True when the upstream closed or reset a connection that had carried earlier exchanges
   * before this one heard anything back: the signature of a keep-alive connection the upstream
   * had already given up on (its idle timeout, a restart), as opposed to an answer that broke.
   */
  boolean droppedOnReusedConnection() {
    return droppedBeforeAnswer && connection.reused();
  }

  /** Sends the request head now (for {@code Expect: 100-continue}: the body waits for the 100). */
  public Future<Void> sendHead() {
    if (headSent || over) {
      return Future.succeededFuture();
    }
    headSent = true;
    return completion(channel.writeAndFlush(head));
  }

  /**
   * Sends the whole request, with {@code whole} (may be null) as its entire body, without waiting
   * to hear that the write completed: a write that fails closes the connection, which fails the
   * response.
   */
  public void send(Buffer whole) {
    if (!over && !requestEnded) {
      writeLast(whole, channel.voidPromise());
    }
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (over || requestEnded) {
      return Future.failedFuture(new IOException("upstream request already ended"));
    }
    writeHeadIfNeeded();
    return completion(channel.writeAndFlush(new DefaultHttpContent(((BufferInternal) data).getByteBuf())));
  }

  @Override
  public Future<Void> end() {
    if (over || requestEnded) {
      return over ? Future.failedFuture(new IOException("upstream request reset")) : Future.succeededFuture();
    }
    return completion(writeLast(null, channel.newPromise()));
  }

  @Override
  public Future<Void> end(Buffer data) {
    if (over || requestEnded) {
      return Future.failedFuture(new IOException("upstream request already ended"));
    }
    return completion(writeLast(data, channel.newPromise()));
  }

  /** Ends the request with {@code data} (null or empty: no more bytes) as its last bytes. */
  private ChannelFuture writeLast(Buffer data, ChannelPromise promise) {
    requestEnded = true;
    ByteBuf bytes = data == null || data.length() == 0 ? null : ((BufferInternal) data).getByteBuf();
    ChannelFuture written;
    if (!headSent) {
      // The whole request in one message (most requests: a GET or HEAD, or a buffered body): one
      // trip through the pipeline and the encoder instead of two.
      headSent = true;
      written = channel.writeAndFlush(head.withContent(bytes == null ? Unpooled.EMPTY_BUFFER : bytes), promise);
    } else {
      written = channel.writeAndFlush(bytes == null ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultLastHttpContent(bytes),
          promise);
    }
    afterRequestEnded();
    return written;
  }

  @Override
  public boolean writeQueueFull() {
    return !channel.isWritable();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    // The channel's write buffer water marks decide; a pipe calls this, and nothing needs it here.
    return this;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    // Failures surface through the write futures and the response; a pipe sets this, and that is all.
    return this;
  }

  /**
   * Abandons the exchange: the connection closes at once, so nothing more of the response is
   * downloaded, and a request body cut short never looks complete. Does nothing once the exchange
   * ended cleanly. Idempotent.
   */
  public void reset() {
    if (over || (requestEnded && responseEnded)) {
      return;
    }
    over = true;
    Throwable cause = new IOException("upstream request reset");
    response.tryFail(cause);
    if (body != null) {
      body.failed(cause);
    }
    connection.abandon(this);
  }

  // ---- from the connection -------------------------------------------------------------------

  void received(Object msg) {
    heard = true;
    if (over) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse head) {
      receivedHead(head);
    }
    if (msg instanceof HttpContent content) {
      receivedContent(content);
    }
  }

  void writable() {
    Handler<Void> handler = drainHandler;
    if (handler != null && !over) {
      handler.handle(null);
    }
  }

  void connectionClosed(Throwable cause) {
    if (over) {
      return;
    }
    over = true;
    droppedBeforeAnswer = !heard && !connection.closedHere();
    if (!response.tryFail(cause) && body != null && !responseEnded) {
      body.failed(cause);
    }
  }

  /** The response's consumer is behind: stop reading the connection until it catches up. */
  void stopReading() {
    if (!over && !responseEnded) {
      channel.config().setAutoRead(false);
    }
  }

  /** The response's consumer caught up. */
  void resumeReading() {
    if (!over && !responseEnded) {
      channel.config().setAutoRead(true);
    }
  }

  private void receivedHead(HttpResponse head) {
    if (!head.decoderResult().isSuccess()) {
      connectionClosed(new IOException("malformed response from " + connection.target().describe() + ": "
          + head.decoderResult().cause().getMessage()));
      connection.abandon(this);
      return;
    }
    int status = head.status().code();
    if (status >= 100 && status < 200) {
      informational = true;
      if (status == 100 && continueHandler != null) {
        continueHandler.run();
      }
      return;
    }
    body = new UpstreamResponse(this, head);
    keepAlive = HttpUtil.isKeepAlive(head);
    response.tryComplete(body);
  }

  private void receivedContent(HttpContent content) {
    if (informational) {
      // The empty end of a 1xx head.
      content.release();
      if (content instanceof LastHttpContent) {
        informational = false;
      }
      return;
    }
    if (body == null) {
      content.release();
      return;
    }
    if (!content.decoderResult().isSuccess()) {
      content.release();
      connectionClosed(new IOException("malformed response body from " + connection.target().describe() + ": "
          + content.decoderResult().cause().getMessage()));
      connection.abandon(this);
      return;
    }
    boolean last = content instanceof LastHttpContent;
    if (last) {
      responseEnded = true;
      // The connection goes back first: a request started from the end handler can then use it,
      // and its idle time counts from the upstream's last byte, not from when the client got it.
      if (requestEnded) {
        connection.exchangeEnded(this, keepAlive && HttpUtil.isKeepAlive(head));
      } else {
        // Answered before the upload ended (an error, typically): the rest of the body cannot
        // be sent on this connection, nor can it carry another request.
        over = true;
        connection.abandon(this);
      }
    }
    if (content.content().isReadable()) {
      // Read without copies when the connection's allocator allows it (see RelayMemory);
      // otherwise Vert.x's rule applies: pooled memory is copied to the heap.
      body.received(BufferInternal.buffer(VertxHandler.safeBuffer(content.content())));
    } else {
      content.release();
    }
    if (last) {
      body.receivedEnd();
    }
  }

  private void afterRequestEnded() {
    if (responseEnded && !over) {
      connection.exchangeEnded(this, keepAlive && HttpUtil.isKeepAlive(head));
    }
  }

  private void writeHeadIfNeeded() {
    if (!headSent) {
      headSent = true;
      channel.write(head, channel.voidPromise());
    }
  }

  private Future<Void> completion(ChannelFuture write) {
    if (write.isDone()) {
      return write.isSuccess() ? Future.succeededFuture() : Future.failedFuture(write.cause());
    }
    Promise<Void> promise = Promise.promise();
    ContextInternal context = connection.context();
    write.addListener(f -> context.dispatch(v -> {
      if (f.isSuccess()) {
        promise.complete();
      } else {
        promise.fail(f.cause());
      }
    }));
    return promise.future();
  }
}
