package io.ossgate.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ossgate emulator}. */
@Command(name = "emulator", mixinStandardHelpOptions = true, description = "TODO(#2): emulator")
public final class EmulatorCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("not implemented yet");
    return 2;
  }
}
