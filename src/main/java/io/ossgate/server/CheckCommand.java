package io.ossgate.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ossgate check}. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "TODO(#2): check")
public final class CheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("not implemented yet");
    return 2;
  }
}
