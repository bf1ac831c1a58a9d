package io.ossgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class NettyDefaultsTest {

  @Test
  void setsThePoolDefaultsButKeepsWhatTheOperatorChose() {
    Properties props = new Properties();
    props.setProperty("io.netty.allocator.maxOrder", "9");

    NettyDefaults.applyTo(props);

    assertThat(props.getProperty("io.netty.allocator.type")).isEqualTo("pooled");
    assertThat(props.getProperty("io.netty.allocator.maxOrder")).isEqualTo("9");
  }
}
