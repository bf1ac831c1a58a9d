package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.ossgate.testing.Await;
import io.ossgate.testing.TestClients;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpClientConnectionInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which reads of a real upstream connection go without copies, and that they are undone. */
@Timeout(20)
class RelayMemoryTest {

  private static final int BODY = 512 * 1024;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.of(vertx.close());
  }

  /** The allocator of the response's connection: while switched, after the switch is undone. */
  private record Allocators(ByteBufAllocator before, ByteBufAllocator during, ByteBufAllocator after) {}

  private Allocators switchFor(RelayMemory memory, long declaredLength) {
    HttpServer server = Await.on(vertx, () -> vertx.createHttpServer()
        .requestHandler(req -> req.response().end(Buffer.buffer(new byte[BODY])))
        .listen(0, "127.0.0.1"));
    HttpClientAgent client = TestClients.create(vertx);
    return Await.on(vertx, () -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
        .compose(HttpClientRequest::send)
        .compose(resp -> {
          Channel channel = ((HttpClientConnectionInternal) resp.request().connection())
              .channelHandlerContext().channel();
          ByteBufAllocator before = channel.config().getAllocator();
          RelayMemory.BodyReads reads = memory.forBody(resp, declaredLength);
          ByteBufAllocator during = channel.config().getAllocator();
          reads.done();
          return resp.body().map(b -> new Allocators(before, during, channel.config().getAllocator()));
        }));
  }

  @Test
  void largeBodiesAreReadWithoutCopiesUntilTheBodyEnds() {
    Allocators a = switchFor(new RelayMemory(Long.MAX_VALUE), BODY);
    assertThat(a.during()).isNotSameAs(a.before());
    assertThat(a.after()).isSameAs(a.before());
  }

  @Test
  void smallOrUnsizedBodiesKeepTheUsualReads() {
    RelayMemory memory = new RelayMemory(Long.MAX_VALUE);
    Allocators small = switchFor(memory, RelayMemory.ZERO_COPY_MIN_BYTES - 1);
    assertThat(small.during()).isSameAs(small.before());
    Allocators unsized = switchFor(memory, -1);
    assertThat(unsized.during()).isSameAs(unsized.before());
  }

  @Test
  void pastTheBudgetLargeBodiesAreReadTheUsualWay() {
    Allocators a = switchFor(new RelayMemory(0), BODY);
    assertThat(a.during()).isSameAs(a.before());
  }
}
