package io.ossgate.server;

import picocli.CommandLine.Option;

/** {@code --transport}, shared by the commands that run a gateway. */
final class TransportOption {
  @Option(names = "--transport", paramLabel = "auto|io_uring|epoll|nio",
      description = "Network transport of the event loops. auto: io_uring when the kernel allows it, "
          + "else epoll, else NIO. Default: ${DEFAULT-VALUE}.")
  TransportChoice choice = TransportChoice.AUTO;
}
