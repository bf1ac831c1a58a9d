package io.ossgate.oss;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A second-level OSS endpoint host ({@code oss-cn-hangzhou.aliyuncs.com}) as a type and, where the
 * form carries one, a region. Accelerate endpoints are global and carry no region.
 */
public record OssEndpoint(EndpointType type, Optional<RegionId> region) {

  private static final String SUFFIX = ".aliyuncs.com";

  public OssEndpoint {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(region, "region");
    if (type.carriesRegion() && region.isEmpty()) {
      throw new IllegalArgumentException(type + " endpoints need a region");
    }
  }

  public static OssEndpoint of(EndpointType type, RegionId region) {
    return new OssEndpoint(type, type.carriesRegion() ? Optional.of(region) : Optional.empty());
  }

  /** The endpoint host, e.g. {@code oss-accelerate.aliyuncs.com}. */
  public String host() {
    // Accelerate types ignore the region argument; the placeholder is never printed.
    return type.endpointHost(region.orElse(RegionId.of("global")));
  }

  /**
   * Parses a second-level endpoint host (no bucket label). Case-insensitive; a trailing dot and a
   * port are ignored. Empty when the host is not an OSS endpoint.
   */
  public static Optional<OssEndpoint> parse(String host) {
    String h = Hosts.normalize(host);
    if (!h.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    String head = h.substring(0, h.length() - SUFFIX.length());
    try {
      if (head.equals("oss-accelerate")) {
        return Optional.of(new OssEndpoint(EndpointType.ACCELERATE, Optional.empty()));
      }
      if (head.equals("oss-accelerate-overseas")) {
        return Optional.of(new OssEndpoint(EndpointType.ACCELERATE_OVERSEAS, Optional.empty()));
      }
      if (head.endsWith(".oss") && !head.startsWith("oss-")) {
        String region = head.substring(0, head.length() - ".oss".length());
        return Optional.of(OssEndpoint.of(EndpointType.DUALSTACK, RegionId.of(region)));
      }
      if (head.startsWith("oss-") && !head.contains(".")) {
        String rest = head.substring(4);
        if (rest.endsWith("-internal")) {
          return Optional.of(OssEndpoint.of(EndpointType.INTERNAL,
              RegionId.of(rest.substring(0, rest.length() - "-internal".length()))));
        }
        return Optional.of(OssEndpoint.of(EndpointType.INTERNET, RegionId.of(rest)));
      }
    } catch (IllegalArgumentException notARegion) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return host();
  }

  /** Small host-string helpers shared by the OSS model. */
  static final class Hosts {
    private Hosts() {}

    static String normalize(String host) {
      String h = host.trim().toLowerCase(Locale.ROOT);
      int colon = h.lastIndexOf(':');
      if (colon >= 0 && h.indexOf(':') == colon) {
        h = h.substring(0, colon);
      }
      if (h.endsWith(".")) {
        h = h.substring(0, h.length() - 1);
      }
      return h;
    }
  }
}
