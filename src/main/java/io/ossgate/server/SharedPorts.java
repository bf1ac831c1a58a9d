package io.ossgate.server;

import io.ossgate.config.HostPort;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listen addresses that several verticle instances can share. A fixed port is shared by Vert.x as
 * it is. Port 0 is not: each instance would bind its own random port. A negative port is Vert.x's
 * "shared random port": every server listening with the same negative number gets the same
 * kernel-chosen port. Each call picks a fresh number, so two gateways in one Vert.x instance (as in
 * tests) never share a listener.
 */
final class SharedPorts {
  private SharedPorts() {}

  /** A host and a port as Vert.x takes them: negative means a shared random port. */
  record Listen(String host, int port) {}

  static Listen shareable(HostPort address) {
    int port = address.port() != 0 ? address.port() : -1 - ThreadLocalRandom.current().nextInt(1 << 30);
    return new Listen(address.host(), port);
  }
}
