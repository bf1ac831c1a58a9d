package io.ossgate.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ossgate demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "TODO(#2): demo")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("not implemented yet");
    return 2;
  }
}
