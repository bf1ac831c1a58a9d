package io.ossgate.server;

import io.vertx.core.transport.Transport;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --transport}, shared by the commands that run a gateway. */
final class TransportOption {
  @Option(names = "--transport", paramLabel = "auto|io_uring|epoll|nio",
      description = "Network transport of the event loops. auto: io_uring when the kernel allows it, "
          + "else epoll, else NIO. Default: ${DEFAULT-VALUE}.")
  TransportChoice choice = TransportChoice.AUTO;

  /** The chosen transport, or empty after printing why this machine cannot run it. */
  Optional<Transport> resolveOrReport(CommandSpec spec, String command) {
    try {
      return Optional.of(choice.resolve());
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println(command + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
