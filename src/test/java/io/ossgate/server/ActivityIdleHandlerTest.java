package io.ossgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** On Netty's embedded channel, whose clock only moves when the test moves it. */
class ActivityIdleHandlerTest {

  private final List<IdleStateEvent> events = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel();

  ActivityIdleHandlerTest() {
    channel.freezeTime();
    channel.pipeline().addLast(ActivityIdleHandler.VERTX_IDLE_HANDLER, new IdleStateHandler(0, 0, 8, TimeUnit.SECONDS));
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add((IdleStateEvent) evt);
      }
    });
    ActivityIdleHandler.replaceVertxIdleHandler(channel);
  }

  @Test
  void replacesVertxsAllIdleHandler() {
    assertThat(channel.pipeline().get(ActivityIdleHandler.VERTX_IDLE_HANDLER)).isInstanceOf(ActivityIdleHandler.class);
  }

  @Test
  void aConnectionWithNoReadOrWriteForTheTimeoutGetsTheIdleEvent() {
    advance(7);
    assertThat(events).isEmpty();

    advance(1);

    assertThat(events).extracting(IdleStateEvent::state).containsExactly(IdleState.ALL_IDLE);
  }

  @Test
  void readsAndWritesKeepTheConnectionOpenAndTheTimeoutCountsFromTheLast() {
    for (int i = 0; i < 5; i++) {
      advance(6);
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
      advance(1);
      channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {2}));
    }
    assertThat(events).isEmpty();

    // The last activity was just before the check at 36 s: idle from 36 to 44 s.
    advance(7);
    assertThat(events).isEmpty();
    advance(2);

    assertThat(events).hasSize(1);
  }

  @Test
  void readOnlyOrWriteOnlyTimeoutsStayWithNetty() {
    EmbeddedChannel other = new EmbeddedChannel();
    other.pipeline().addLast(ActivityIdleHandler.VERTX_IDLE_HANDLER, new IdleStateHandler(5, 0, 0, TimeUnit.SECONDS));

    ActivityIdleHandler.replaceVertxIdleHandler(other);

    assertThat(other.pipeline().get(ActivityIdleHandler.VERTX_IDLE_HANDLER)).isInstanceOf(IdleStateHandler.class);
    other.finishAndReleaseAll();
  }

  private void advance(int seconds) {
    for (int i = 0; i < seconds; i++) {
      channel.advanceTimeBy(1, TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
    }
  }
}
