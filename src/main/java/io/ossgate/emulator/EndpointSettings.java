package io.ossgate.emulator;

import io.ossgate.oss.EndpointType;
import java.util.Objects;

/** One emulated endpoint type: the port it listens on (0 = any free port) and its initial faults. */
public record EndpointSettings(EndpointType type, int port, Faults faults) {

  public EndpointSettings {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(faults, "faults");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
  }

  /** Any free port, no faults. */
  public static EndpointSettings of(EndpointType type) {
    return new EndpointSettings(type, 0, Faults.none());
  }
}
