package io.ossgate.server;

import io.ossgate.emulator.BucketSettings;
import io.ossgate.emulator.Emulator;
import io.ossgate.emulator.EmulatorConfig;
import io.ossgate.oss.EndpointType;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ossgate emulator --config FILE}: a fake OSS on local ports, until Ctrl-C. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
    description = "Run the OSS emulator alone: buckets on one port per endpoint type, faults, a control API.")
public final class EmulatorCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "emulator YAML (see conf/emulator.yaml)")
  Path config;

  @Override
  public Integer call() throws Exception {
    EmulatorConfig parsed;
    try {
      parsed = EmulatorConfig.parse(Files.readString(config));
    } catch (IOException e) {
      System.err.println(config + ": cannot read: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println(config + ": " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Emulator emulator;
    try {
      // The main thread is not an event loop: waiting here is allowed.
      emulator = Emulator.start(vertx, parsed.settings()).await(30, TimeUnit.SECONDS);
      parsed.seed(emulator.store());
    } catch (Exception e) {
      System.err.println("cannot start the emulator: " + e.getMessage());
      vertx.close();
      return 1;
    }
    print(emulator, parsed, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        emulator.close().transform(ar -> vertx.close()).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("emulator did not stop cleanly: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "emulator-shutdown"));
    stopped.await();
    return 0;
  }

  private static void print(Emulator emulator, EmulatorConfig config, PrintStream out) {
    String bind = config.settings().bindHost();
    out.println("OSS emulator listening on " + bind);
    for (EndpointType type : emulator.endpointTypes()) {
      out.printf("  %-20s port %d%n", type.configName(), emulator.port(type));
      for (BucketSettings b : config.settings().buckets()) {
        out.printf("      %s%n", emulator.bucketHost(b.name().value(), type));
      }
    }
    for (BucketSettings b : config.settings().buckets()) {
      if (!b.boundDomains().isEmpty()) {
        out.printf("  bound domains of %s: %s (any port)%n", b.name(), String.join(", ", b.boundDomains()));
      }
    }
    if (config.settings().authenticator() instanceof io.ossgate.emulator.SignatureAuthenticator auth) {
      // Key ids only: the secrets never reach the console.
      out.printf("  verifies signatures of keys: %s%n", String.join(", ", auth.keyIds()));
    } else {
      out.println("  accepts any signature (no keys configured)");
    }
    emulator.controlPort().ifPresent(p -> out.printf("  control API           http://%s:%d/endpoints%n", bind, p));
    config.objects().forEach(o -> out.printf("  seeded %s/%s (%d bytes, seed %d)%n", o.bucket(), o.key(), o.size(), o.seed()));
    EndpointType first = emulator.endpointTypes().get(0);
    config.settings().buckets().stream().findFirst().ifPresent(b -> out.printf(
        "try: curl -v -H 'Host: %s' http://%s:%d/?list-type=2%n",
        emulator.bucketHost(b.name().value(), first), bind, emulator.port(first)));
    out.println("Ctrl-C stops it.");
    out.flush();
  }
}
