package io.ossgate.server;

import io.ossgate.config.ConfigException;
import io.ossgate.config.ConfigLoader;
import io.ossgate.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ossgate run --config FILE}: the gateway. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the gateway.")
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The YAML configuration file, e.g. conf/ossgate.yaml.")
  Path config;

  @Option(names = "--event-loops", paramLabel = "N",
      description = "Event loops (and proxy instances). Default: the number of CPUs.")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  @Mixin
  TransportOption transport;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    GatewayConfig loaded;
    try {
      loaded = ConfigLoader.load(config);
    } catch (ConfigException e) {
      ConfigProblems.print(e, spec.commandLine().getErr());
      return 1;
    }
    Optional<Transport> chosen = transport.resolveOrReport(spec, "ossgate");
    if (chosen.isEmpty()) {
      return 1;
    }
    Vertx vertx = NetworkOptions.vertx(loaded.upstream(), eventLoops, chosen.get());
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, loaded, eventLoops).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      spec.commandLine().getErr().println("ossgate: could not start: " + e.getMessage());
      vertx.close();
      return 1;
    }
    return Lifecycle.runUntilShutdown(vertx, gateway::close);
  }
}
