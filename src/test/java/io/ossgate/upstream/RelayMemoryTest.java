package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the body chunks of an adopted upstream connection are read, over a real socket. */
@Timeout(20)
class RelayMemoryTest {

  private static final int BODY = 512 * 1024;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.of(vertx.close());
  }

  /** Fetches a {@link #BODY}-byte response through a client whose connections {@code memory} adopts. */
  private List<Buffer> fetch(RelayMemory memory) {
    HttpServer server = Await.on(vertx, () -> vertx.createHttpServer()
        .requestHandler(req -> req.response().end(Buffer.buffer(new byte[BODY])))
        .listen(0, "127.0.0.1"));
    return Await.on(vertx, () -> {
      UpstreamClient client = TestUpstreamClients.create(vertx, memory::adopt);
      UpstreamTarget target = TestUpstreamClients.plainTarget(server.actualPort());
      return client.lease(target)
          .compose(connection -> {
            UpstreamExchange exchange = connection.begin(TestUpstreamClients.get("/", target));
            exchange.end();
            return exchange.response();
          })
          .compose(resp -> {
            List<Buffer> chunks = new ArrayList<>();
            Promise<List<Buffer>> all = Promise.promise();
            resp.handler(chunks::add);
            resp.endHandler(v -> all.complete(chunks));
            resp.exceptionHandler(all::tryFail);
            return all.future();
          });
    });
  }

  private static Future<Void> releaseAll(RelayMemory memory, List<Buffer> chunks) {
    chunks.forEach(memory::release);
    return Future.succeededFuture();
  }

  @Test
  void bodyChunksAreReadWithoutCopiesAndGoBackForReuse() {
    RelayMemory memory = new RelayMemory(Long.MAX_VALUE);
    List<Buffer> chunks = fetch(memory);
    assertThat(chunks.stream().mapToLong(Buffer::length).sum()).isEqualTo(BODY);
    assertThat(memory.directBytesInUse()).isPositive();

    Await.on(vertx, () -> releaseAll(memory, chunks));

    assertThat(memory.bytesRelayedWithoutCopy()).isEqualTo(BODY);
    // Released (on a Vert.x context): kept for the next reads of that thread, not freed.
    assertThat(memory.directBytesInUse()).isZero();
    assertThat(memory.directBytesCached()).isPositive();
  }

  @Test
  void pastTheBudgetChunksAreCopiedTheUsualWay() {
    RelayMemory memory = new RelayMemory(0);
    List<Buffer> chunks = fetch(memory);
    Await.on(vertx, () -> releaseAll(memory, chunks));

    assertThat(memory.bytesRelayedWithoutCopy()).isZero();
    assertThat(memory.directBytesInUse()).isZero();
  }
}
