package io.ossgate.server;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Netty transport under the gateway's event loops ({@code --transport}).
 *
 * <p>{@code auto} takes io_uring when the kernel allows it: a proxy spends most of its CPU on
 * small reads and writes, and io_uring batches them into one submission per loop iteration where
 * epoll makes a system call each. On this project's benchmark machine that cut the CPU per 1 KiB
 * request by about 40% (docs/benchmark.md). Old kernels, {@code kernel.io_uring_disabled}, and
 * container seccomp profiles that block the {@code io_uring_*} calls (Docker's and containerd's
 * defaults) make it unavailable; {@code auto} then falls back to epoll, and to the JDK's NIO off
 * Linux. (Vert.x's own "prefer native" would pick epoll whenever both are present.)
 */
public enum TransportChoice {
  AUTO, IO_URING, EPOLL, NIO;

  /** The transport to use; an explicit choice that this machine cannot run fails with the reason. */
  public Transport resolve() {
    return switch (this) {
      case AUTO -> available(Transport.IO_URING) ? Transport.IO_URING
          : available(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
      case IO_URING -> required(Transport.IO_URING);
      case EPOLL -> required(Transport.EPOLL);
      case NIO -> Transport.NIO;
    };
  }

  /** How {@code --transport} spells this choice. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name ({@code io_uring}, {@code epoll}, {@code nio}) of the transport {@code vertx} runs on. */
  public static String runningOn(Vertx vertx) {
    Class<?> running = ((VertxInternal) vertx).transport().getClass();
    return Stream.of(Transport.IO_URING, Transport.EPOLL, Transport.KQUEUE, Transport.NIO)
        .filter(t -> t != null && t.implementation() != null && t.implementation().getClass() == running)
        .map(t -> t.name().toLowerCase(Locale.ROOT))
        .findFirst()
        .orElse(running.getSimpleName());
  }

  /** Null when Vert.x could not load the transport's classes at all (e.g. no Netty native jar). */
  private static boolean available(Transport transport) {
    return transport != null && transport.available();
  }

  private Transport required(Transport transport) {
    if (!available(transport)) {
      Throwable cause = transport == null ? null : transport.unavailabilityCause();
      throw new IllegalStateException("transport " + label() + " is not available on this machine"
          + (cause == null ? "" : ": " + cause.getMessage()) + " (use --transport auto)");
    }
    return transport;
  }
}
