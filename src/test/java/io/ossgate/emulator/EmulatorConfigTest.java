package io.ossgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ossgate.oss.EndpointType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class EmulatorConfigTest {

  @Test
  void parsesTheShippedExample() throws Exception {
    EmulatorConfig config = EmulatorConfig.parse(Files.readString(Path.of("conf/emulator.yaml")));

    assertThat(config.settings().bindHost()).isEqualTo("127.0.0.1");
    assertThat(config.settings().controlPort()).contains(9400);
    assertThat(config.settings().buckets()).singleElement().satisfies(b -> {
      assertThat(b.name().value()).isEqualTo("demo-bucket");
      assertThat(b.boundDomains()).containsExactly("static.example.com");
    });
    assertThat(config.settings().endpoints()).extracting(EndpointSettings::type)
        .containsExactly(EndpointType.INTERNAL, EndpointType.ACCELERATE, EndpointType.INTERNET);
    Faults internet = config.settings().endpoints().get(2).faults();
    assertThat(internet.latency()).isEqualTo(Duration.ofMillis(120));
    assertThat(internet.bandwidthBytesPerSecond()).isEqualTo(10L << 20);
    assertThat(config.objects().get(0).size()).isEqualTo(256L << 20);
  }

  @Test
  void reportsMistakesWithTheirKeyPath() {
    String base = "buckets: [{name: b-1, region: cn-hangzhou}]\nendpoints:\n  - type: internet\n";

    assertThatThrownBy(() -> EmulatorConfig.parse(base + "    faults: {latency: soon}"))
        .hasMessageStartingWith("endpoints[0].faults.latency: 'soon'");
    assertThatThrownBy(() -> EmulatorConfig.parse(base + "    faults: {lag: 1ms}"))
        .hasMessageStartingWith("endpoints[0].faults.lag: unknown key");
    assertThatThrownBy(() -> EmulatorConfig.parse(base + "    prot: 1"))
        .hasMessageStartingWith("endpoints[0].prot: unknown key");
    assertThatThrownBy(() -> EmulatorConfig.parse(base.replace("internet", "intranet")))
        .hasMessageStartingWith("endpoints[0].type: 'intranet'");
    assertThatThrownBy(() -> EmulatorConfig.parse(base.replace("b-1", "B_1")))
        .hasMessageStartingWith("buckets[0].name:");
    assertThatThrownBy(() -> EmulatorConfig.parse(base + "objects: [{bucket: nope, key: k, size: 1KiB}]"))
        .hasMessageStartingWith("objects[0].bucket: 'nope'");
    assertThatThrownBy(() -> EmulatorConfig.parse(base + "objects: [{bucket: b-1, key: k, size: lots}]"))
        .hasMessageStartingWith("objects[0].size:");
  }
}
