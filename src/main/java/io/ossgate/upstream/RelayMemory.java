package io.ossgate.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpClientConnectionInternal;
import java.util.concurrent.atomic.LongAdder;

/**
 * How upstream bytes are read, so that relaying a large body costs little CPU per byte.
 *
 * <p>Two costs dominate a streamed body in Vert.x 5, and both are paid per chunk or per byte:
 * <ul>
 *   <li><b>Per chunk</b>: every chunk read is an event through the HTTP codec, a handler, a write
 *       and a flush. Netty's default read size stops at 64 KiB; here the adaptive read size may
 *       grow to {@link #MAX_READ_BYTES} while data keeps arriving faster than it is read, and
 *       shrinks again for small responses, which therefore cost what they did.
 *   <li><b>Per byte</b>: Vert.x copies each chunk read into a pooled buffer onto the Java heap, and
 *       Netty copies it back into direct memory to write it. For the rest of a large body
 *       ({@link #forBody}) the connection reads into unpooled, Cleaner-backed direct buffers
 *       instead, which Vert.x hands over and Netty writes as they are: no copy at all. Such a
 *       buffer is freed by the garbage collector if a path drops it (an error body, a cancelled
 *       attempt), and the relay frees each chunk as soon as its write completes
 *       ({@link #release}). Small responses keep the pooled reads: allocating direct memory per
 *       read costs them more than the copy it saves.
 * </ul>
 * Measured with src/bench (8 parallel 100 MiB downloads, 2 cores): 64 KiB reads with copies used
 * about 2 CPU-s per GB; 1 MiB reads about 1.05; 1 MiB reads without copies about 0.8 (nginx: 1.1).
 *
 * <p>The price is memory: an active download may hold up to about 4 MiB of direct memory: up to
 * 2 MiB written to the client but not yet sent (the relay's bound), the read in flight and one
 * read taken before a pause took effect. Past a budget (half the JVM's direct memory limit),
 * further large bodies are read the usual way until memory is freed.
 *
 * <p>Uses Vert.x internals (the connection's Netty channel) because Vert.x exposes no option for
 * the read size, the allocator or stopping reads. Thread-safe: one instance per gateway, shared by its event loops.
 */
public final class RelayMemory {

  /** Largest single read from an upstream connection; also the HTTP client's max chunk size. */
  public static final int MAX_READ_BYTES = 1024 * 1024;

  /** Bodies at least this long are read without copies. */
  static final long ZERO_COPY_MIN_BYTES = 256 * 1024;

  // preferDirect, leak detection off (a dropped buffer is reclaimed by its Cleaner, it is not a
  // leak), and never the "no cleaner" variant, which only an explicit release would free.
  private final UnpooledByteBufAllocator direct = new UnpooledByteBufAllocator(true, true, false);
  private final LongAdder relayedWithoutCopy = new LongAdder();
  private final long budgetBytes;

  /** With half of the JVM's direct memory limit as the budget for reads without copies. */
  public RelayMemory() {
    this(PlatformDependent.maxDirectMemory() / 2);
  }

  /**
   * @param budgetBytes while this much direct memory is held by reads without copies, further
   *     large bodies are read the usual way (copied), so many slow downloads at once cannot
   *     exhaust the JVM's direct memory limit
   */
  RelayMemory(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /** Lets {@code connection} (an upstream HTTP connection, just opened) grow its reads up to 1 MiB. */
  public void adopt(HttpConnection connection) {
    Channel channel = channel(connection);
    if (channel != null) {
      // Netty's defaults but the maximum: 64 bytes minimum, 2 KiB first guess.
      channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES));
    }
  }

  /**
   * How the rest of {@code response}'s body is read: without copies when it is large, and with
   * reads that stop at once when the relay pauses.
   *
   * @param declaredLength the body's Content-Length, or -1 when it has none
   * @return the body's reads; call {@link BodyReads#done()} when the body has ended, either way
   */
  public BodyReads forBody(HttpClientResponse response, long declaredLength) {
    Channel channel = channel(response.request().connection());
    if (channel == null) {
      return BodyReads.NONE;
    }
    ByteBufAllocator usual = channel.config().getAllocator();
    boolean withoutCopies = declaredLength >= ZERO_COPY_MIN_BYTES
        && direct.metric().usedDirectMemory() < budgetBytes;
    if (withoutCopies) {
      channel.config().setAllocator(direct);
    }
    return new ChannelReads(channel, withoutCopies ? usual : null);
  }

  /**
   * The reads of one body's upstream connection. Confined to the exchange's event loop.
   *
   * <p>Why the relay stops reads itself: a paused Vert.x response still takes up to 16 more
   * chunks from its connection before Vert.x stops reading, and with reads of up to
   * {@link #MAX_READ_BYTES} that is 16 MiB for each download whose client is slow (a client that
   * read nothing made the gateway hold 41 MiB). Stopping the connection's reads when the relay
   * pauses bounds it to the read in flight.
   */
  public interface BodyReads {
    /** For a connection whose Netty channel Vert.x does not expose: nothing to switch or stop. */
    BodyReads NONE = new BodyReads() {
      @Override
      public void pause() { }

      @Override
      public void resume() { }

      @Override
      public void done() { }
    };

    /** Stops reading the upstream connection; call with {@code HttpClientResponse.pause()}. */
    void pause();

    /** Reads again; call just before {@code HttpClientResponse.resume()}. */
    void resume();

    /** The body ended (complete or not): the connection's usual allocator and reads. */
    void done();
  }

  private static final class ChannelReads implements BodyReads {
    private final Channel channel;
    private final ByteBufAllocator usualAllocator; // null when the allocator was not switched
    private boolean paused;
    private boolean done;

    ChannelReads(Channel channel, ByteBufAllocator usualAllocator) {
      this.channel = channel;
      this.usualAllocator = usualAllocator;
    }

    @Override
    public void pause() {
      if (!paused && !done) {
        paused = true;
        channel.config().setAutoRead(false);
      }
    }

    @Override
    public void resume() {
      if (paused) {
        paused = false;
        // Before the response resumes: resuming may deliver the body's end, and with it hand the
        // connection back to the pool, which must find it reading.
        channel.config().setAutoRead(true);
      }
    }

    @Override
    public void done() {
      if (done) {
        return;
      }
      done = true;
      resume();
      if (usualAllocator != null) {
        channel.config().setAllocator(usualAllocator);
      }
    }
  }

  /**
   * Frees {@code chunk}'s memory now if it was read without copies; does nothing for any other
   * buffer (those are heap copies the GC reclaims). Call once per chunk, after its last use.
   */
  public void release(Buffer chunk) {
    if (chunk instanceof BufferImpl impl) {
      ByteBuf raw = impl.byteBuf();
      if (raw.alloc() == direct && raw.refCnt() > 0) {
        relayedWithoutCopy.add(chunk.length());
        raw.release();
      }
    }
  }

  /** Body bytes relayed without copies so far (tests, diagnostics). */
  public long bytesRelayedWithoutCopy() {
    return relayedWithoutCopy.sum();
  }

  /** Direct memory read without copies and not yet freed, in bytes (tests, diagnostics). */
  public long directBytesInUse() {
    return direct.metric().usedDirectMemory();
  }

  private static Channel channel(HttpConnection connection) {
    return connection instanceof HttpClientConnectionInternal internal
        ? internal.channelHandlerContext().channel() : null;
  }
}
