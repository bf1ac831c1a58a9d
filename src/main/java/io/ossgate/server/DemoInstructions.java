package io.ossgate.server;

import io.ossgate.emulator.Emulator;
import io.ossgate.oss.EndpointType;
import java.time.Duration;
import java.util.Map;

/** The text {@code ossgate demo} prints: what runs where, and what to open and curl. */
final class DemoInstructions {
  private DemoInstructions() {}

  static String render(Emulator emulator, Gateway gateway, int controlPort) {
    String gw = "http://" + Demo.LOOPBACK + ":" + gateway.httpPort();
    String admin = "http://" + Demo.LOOPBACK + ":" + gateway.adminPort();
    String host = "-H 'Host: " + Demo.DOMAIN + "' ";
    StringBuilder s = new StringBuilder();
    s.append("ossgate demo: the gateway in front of an emulated OSS bucket (no cloud account needed)\n\n");
    s.append("Emulated endpoints of ").append(DemoContent.BUCKET).append(" (").append(DemoContent.REGION)
        .append("), with injected latency:\n");
    for (Map.Entry<EndpointType, Duration> e : Demo.LATENCIES.entrySet()) {
      EndpointType type = e.getKey();
      s.append(String.format("  %-11s %4d ms  %-52s -> %s:%d%n", type.configName(), e.getValue().toMillis(),
          emulator.bucketHost(DemoContent.BUCKET, type), Demo.LOOPBACK, emulator.port(type)));
    }
    s.append("Gateway:     ").append(gw).append("  (site '").append(Demo.SITE).append("', Host ")
        .append(Demo.DOMAIN).append(")\n");
    s.append("Admin:       ").append(admin).append("  (/status /metrics /health /ready)\n");
    if (controlPort > 0) {
      s.append("Emulator control API: http://").append(Demo.LOOPBACK).append(':').append(controlPort).append('\n');
    }
    s.append("\nOpen in a browser (*.localhost resolves to loopback):\n");
    s.append("  http://").append(Demo.DOMAIN).append(':').append(gateway.httpPort()).append('/')
        .append(DemoContent.INDEX).append('\n');
    s.append("\nTry (every response names its endpoint in X-Ossgate-Endpoint):\n");
    s.append("  curl -v ").append(host).append(gw).append('/').append(DemoContent.HELLO).append('\n');
    s.append("  curl -s ").append(host).append("-r 0-99 ").append(gw).append('/').append(DemoContent.BIG)
        .append(" | od -A d -t x1 | head -3      # a Range request (206)\n");
    s.append("  curl -o /dev/null -w '%{speed_download} bytes/s\\n' ").append(host).append(gw).append('/')
        .append(DemoContent.BIG).append('\n');
    s.append("  curl -v -X PUT ").append(host).append("-H 'Content-Type: text/plain' --data-binary 'uploaded through ossgate' ")
        .append(gw).append("/uploads/note.txt\n");
    s.append("  curl -s ").append(host).append(gw).append("/uploads/note.txt\n");
    s.append("  curl -s ").append(admin).append("/status\n");
    if (controlPort > 0) {
      String c = "http://" + Demo.LOOPBACK + ":" + controlPort;
      Duration internal = Demo.LATENCIES.get(EndpointType.INTERNAL);
      s.append("\nInject faults into an endpoint, then watch X-Ossgate-Endpoint and /status:\n");
      s.append("  C=").append(c).append('\n');
      s.append("  curl -s -X PATCH $C/faults/internal -d '{\"latency\": \"500ms\"}'          # internal gets slow\n");
      s.append("  curl -s -X PATCH $C/faults/internal -d '{\"refuse-connections\": true}'   # internal goes dark\n");
      s.append("  curl -s -X PATCH $C/faults/internal -d '{\"error-rate-percent\": 50, \"error-status\": 503}'\n");
      s.append("  curl -s -X PUT   $C/faults/internal -d '{\"latency\": \"").append(internal.toMillis())
          .append("ms\"}'            # healthy again\n");
      s.append("  curl -s \"$C/requests?limit=5\"                                           # what the emulator saw\n");
    }
    s.append("\nCtrl-C stops it.\n");
    return s.toString();
  }
}
