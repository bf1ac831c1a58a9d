package io.ossgate.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ossgate run}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "TODO(#2): run")
public final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("not implemented yet");
    return 2;
  }
}
