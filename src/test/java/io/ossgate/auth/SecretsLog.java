package io.ossgate.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log line (DEBUG and up) during a test, to prove no secret is ever logged. */
final class SecretsLog implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger ossgate = (Logger) LoggerFactory.getLogger("io.ossgate");
  private final Level rootLevel = root.getLevel();
  private final Level ossgateLevel = ossgate.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  SecretsLog() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    ossgate.setLevel(Level.DEBUG);
  }

  /** Every captured line: formatted message plus any stack trace. */
  List<String> lines() {
    synchronized (appender) {
      return appender.list.stream().map(e -> e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(rootLevel);
    ossgate.setLevel(ossgateLevel);
    appender.stop();
  }
}
