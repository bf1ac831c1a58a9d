package io.ossgate.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code ossgate run|demo|check|emulator}. */
@Command(name = "ossgate", mixinStandardHelpOptions = true, version = "ossgate 0.1.0",
    description = "A streaming reverse-proxy gateway for Alibaba Cloud OSS buckets.",
    subcommands = {RunCommand.class, DemoCommand.class, CheckCommand.class, EmulatorCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // First, before anything loads Netty's allocator classes.
    NettyDefaults.applyTo(System.getProperties());
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The parser, as {@code main} runs it: enum values such as {@code --transport io_uring} in any case. */
  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
