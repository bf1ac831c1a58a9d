package io.ossgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transports the gateway runs on, and the test setup that runs the whole suite on each of them
 * (see the surefire executions in pom.xml).
 */
@Timeout(10)
@ExtendWith(VertxExtension.class)
class TransportUnderTestTest {

  @Test
  void theSuiteRunsOnTheTransportItsSurefireExecutionNames(Vertx vertx) {
    String expected = System.getProperty("ossgate.test.transport");
    assumeThat(expected).as("run by an IDE, outside the surefire executions").isNotNull();
    if (expected.equals("io_uring")) {
      assumeThat(Transport.IO_URING.available())
          .as("io_uring is not available on this machine: %s", Transport.IO_URING.unavailabilityCause())
          .isTrue();
    }

    assertThat(TransportChoice.runningOn(vertx)).isEqualTo(expected);
  }

  @Test
  void autoTakesTheFastestTransportThisMachineHas() {
    String expected = Transport.IO_URING.available() ? "io_uring"
        : Transport.EPOLL != null && Transport.EPOLL.available() ? "epoll" : "nio";

    assertThat(TransportChoice.AUTO.resolve().name().toLowerCase(java.util.Locale.ROOT)).isEqualTo(expected);
    assertThat(TransportChoice.NIO.resolve()).isSameAs(Transport.NIO);
  }

  @Test
  void anExplicitTransportThisMachineLacksFailsWithTheReason() {
    TransportChoice missing = Transport.EPOLL == null || !Transport.EPOLL.available() ? TransportChoice.EPOLL
        : !Transport.IO_URING.available() ? TransportChoice.IO_URING : null;
    assumeThat(missing).as("this machine has every transport").isNotNull();

    assertThatThrownBy(missing::resolve)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("transport " + missing.label() + " is not available on this machine")
        .hasMessageEndingWith("(use --transport auto)");
  }

  @Test
  void theCommandLineTakesTransportNamesInAnyCaseAndRejectsOthers() {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("run", "--config", "conf/ossgate.yaml", "--transport", "kqueue")).isEqualTo(2);
    assertThat(err.toString()).contains("--transport", "AUTO, IO_URING, EPOLL, NIO");

    RunCommand run = cli.getSubcommands().get("run").getCommand();
    cli.parseArgs("run", "--config", "conf/ossgate.yaml", "--transport", "io_uring");
    assertThat(run.transport.choice).isEqualTo(TransportChoice.IO_URING);
    cli.parseArgs("run", "--config", "conf/ossgate.yaml");
    assertThat(run.transport.choice).isEqualTo(TransportChoice.AUTO);
  }
}
