package io.ossgate.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Keep-alive connections to one upstream address on one event loop. The most recently released
 * connection is leased first, so a light load keeps few connections warm and the rest age out.
 * When every connection is busy and the pool is at its size, requests wait in arrival order.
 * Confined to the event loop.
 */
final class ConnectionPool {

  private final UpstreamClient client;
  private final UpstreamTarget target;
  private final UpstreamClientOptions options;
  private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
  private final Set<UpstreamConnection> all = new HashSet<>();
  private final ArrayDeque<Promise<UpstreamConnection>> waiters = new ArrayDeque<>();
  /** Connections open or being opened. */
  private int open;
  private boolean closed;

  ConnectionPool(UpstreamClient client, UpstreamTarget target, UpstreamClientOptions options) {
    this.client = client;
    this.target = target;
    this.options = options;
  }

  UpstreamClient client() {
    return client;
  }

  UpstreamTarget target() {
    return target;
  }

  int open() {
    return open;
  }

  /**
   * An idle connection, else a new one while the pool is under its size, else the next one
   * released (in arrival order, up to the waiter limit).
   *
   * @param pastSize open a new connection even at the pool's size instead of waiting: for probes,
   *     which must measure the upstream, not this pool's queue (a probe that timed out behind busy
   *     requests would count against a healthy upstream's breaker). The extra connection is closed
   *     when released while the pool is over its size.
   */
  Future<UpstreamConnection> lease(boolean pastSize) {
    return lease(pastSize, Long.MAX_VALUE);
  }

  /**
   * As {@link #lease}, but an idle connection only if it was last used less than
   * {@code maxIdleNanos} ago; otherwise a new one (the older idle ones stay for other requests).
   */
  Future<UpstreamConnection> lease(boolean pastSize, long maxIdleNanos) {
    UpstreamConnection pooled = pollIdle(maxIdleNanos);
    if (pooled != null) {
      return Future.succeededFuture(pooled);
    }
    return connectOrWait(pastSize);
  }

  /**
   * A new connection rather than an idle one (or, at the pool's size, the next one released,
   * which has just carried a response): for a request whose pooled connection the upstream had
   * already dropped, as the other idle ones may be too.
   */
  Future<UpstreamConnection> leaseNew() {
    return connectOrWait(false);
  }

  private Future<UpstreamConnection> connectOrWait(boolean pastSize) {
    Promise<UpstreamConnection> promise = Promise.promise();
    if (open < options.maxConnections() || pastSize) {
      connect(promise);
    } else if (waiters.size() < options.maxWaiters()) {
      waiters.add(promise);
    } else {
      promise.fail(new IllegalStateException("too many requests waiting for a connection to " + target.describe()));
    }
    return promise.future();
  }

  /** Takes back a connection whose exchange ended cleanly and that may carry another. */
  void release(UpstreamConnection connection) {
    if (closed) {
      connection.close();
      return;
    }
    Promise<UpstreamConnection> waiter = waiters.poll();
    if (waiter != null) {
      waiter.complete(connection);
      return;
    }
    if (open > options.maxConnections()) {
      // A probe's connection past the size: the pool goes back to its size.
      connection.close();
      return;
    }
    connection.idleSince(client.ticker().nanos());
    idle.addLast(connection);
  }

  /** A connection closed (idle or busy): it leaves the pool, and a waiter may get a new one. */
  void closed(UpstreamConnection connection) {
    if (!all.remove(connection)) {
      return;
    }
    open--;
    idle.remove(connection);
    connectNextWaiter();
  }

  void close() {
    closed = true;
    for (Promise<UpstreamConnection> waiter : waiters) {
      waiter.tryFail(new IllegalStateException("upstream client closed"));
    }
    waiters.clear();
    for (UpstreamConnection connection : new ArrayList<>(all)) {
      connection.close();
    }
  }

  /** The most recently released usable connection idle for less than {@code maxIdleNanos}, or null. */
  private UpstreamConnection pollIdle(long maxIdleNanos) {
    long now = client.ticker().nanos();
    long keepAliveNanos = options.keepAliveMillis() * 1_000_000L;
    UpstreamConnection connection;
    while ((connection = idle.peekLast()) != null) {
      long idleNanos = now - connection.idleSince();
      if (!connection.reusable() || idleNanos >= keepAliveNanos) {
        idle.pollLast();
        connection.close();
      } else if (idleNanos >= maxIdleNanos) {
        return null; // the most recent is too old for this request, so every other one is too
      } else {
        return idle.pollLast();
      }
    }
    return null;
  }

  private void connect(Promise<UpstreamConnection> promise) {
    open++;
    Promise<UpstreamConnection> connected = Promise.promise();
    connected.future().onComplete(ar -> {
      if (ar.failed()) {
        open--;
        promise.fail(ar.cause());
        // A failed connect frees its place: a waiter gets to try (and most likely fail) too.
        connectNextWaiter();
        return;
      }
      UpstreamConnection connection = ar.result();
      if (closed || !connection.channel().isActive()) {
        open--;
        connection.close();
        promise.fail(new IllegalStateException("connection to " + target.describe() + " closed"));
        return;
      }
      all.add(connection);
      promise.complete(connection);
    });
    client.connect(this, connected);
  }

  /** A place in the pool came free: the longest-waiting request gets a new connection. */
  private void connectNextWaiter() {
    Promise<UpstreamConnection> waiter;
    if (!closed && open < options.maxConnections() && (waiter = waiters.poll()) != null) {
      connect(waiter);
    }
  }
}
