package io.ossgate.server;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ossgate demo}: the emulator playing internal, accelerate and internet endpoints of a demo
 * bucket at different latencies, with sample objects, and the gateway in front of it. Runs until
 * Ctrl-C or SIGTERM.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the gateway in front of an embedded OSS emulator with sample objects. Needs no cloud account.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--port", paramLabel = "PORT", description = "Gateway port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port = 8080;

  @Option(names = "--admin-port", paramLabel = "PORT", description = "Admin port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int adminPort = 9090;

  @Option(names = "--control-port", paramLabel = "PORT", description = "Emulator control API port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int controlPort = 0;

  @Option(names = "--event-loops", paramLabel = "N", description = "Event loops (and proxy instances). Default: the number of CPUs.")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  @Mixin
  TransportOption transport;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    for (int p : new int[] {port, adminPort, controlPort}) {
      if (p < 0 || p > 65535) {
        spec.commandLine().getErr().println("ossgate demo: port " + p + " (expected: 0..65535)");
        return 2;
      }
    }
    Optional<Transport> chosen = transport.resolveOrReport(spec, "ossgate demo");
    if (chosen.isEmpty()) {
      return 1;
    }
    Vertx vertx = NetworkOptions.vertx(Demo.upstream(Map.of()), eventLoops, chosen.get());
    Demo demo;
    try {
      // The main thread is not an event loop: waiting here is allowed.
      demo = Demo.start(vertx, port, adminPort, controlPort, eventLoops).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      spec.commandLine().getErr().println("ossgate demo: could not start: " + e.getMessage());
      vertx.close();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    out.print(demo.instructions());
    out.flush();
    return Lifecycle.runUntilShutdown(vertx, demo::close);
  }
}
