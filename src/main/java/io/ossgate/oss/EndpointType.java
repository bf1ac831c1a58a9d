package io.ossgate.oss;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of OSS endpoint a bucket can be reached on (oss-reference §1.1). Each names the
 * second-level endpoint; the bucket domain is {@code BUCKET.} + endpoint.
 */
public enum EndpointType {
  /** In-VPC, same region: free traffic, fastest when routed. {@code oss-R-internal.aliyuncs.com} */
  INTERNAL("internal"),
  /** Global transfer acceleration, billed on top of internet traffic. */
  ACCELERATE("accelerate"),
  /** Acceleration using only access points outside the Chinese mainland. */
  ACCELERATE_OVERSEAS("accelerate-overseas"),
  /** The public internet endpoint, {@code oss-R.aliyuncs.com}. */
  INTERNET("internet"),
  /** IPv4 + IPv6 endpoint, {@code R.oss.aliyuncs.com}. */
  DUALSTACK("dualstack");

  private final String configName;

  EndpointType(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration, headers ({@code X-Ossgate-Endpoint}) and status JSON. */
  public String configName() {
    return configName;
  }

  /** True when the endpoint host names the region; accelerate endpoints are global. */
  public boolean carriesRegion() {
    return this != ACCELERATE && this != ACCELERATE_OVERSEAS;
  }

  /** The second-level endpoint host of this type for a region, e.g. {@code oss-cn-hangzhou-internal.aliyuncs.com}. */
  public String endpointHost(RegionId region) {
    return switch (this) {
      case INTERNAL -> region.ossRegionId() + "-internal.aliyuncs.com";
      case ACCELERATE -> "oss-accelerate.aliyuncs.com";
      case ACCELERATE_OVERSEAS -> "oss-accelerate-overseas.aliyuncs.com";
      case INTERNET -> region.ossRegionId() + ".aliyuncs.com";
      case DUALSTACK -> region.value() + ".oss.aliyuncs.com";
    };
  }

  public static Optional<EndpointType> fromConfigName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.configName.equals(wanted)).findFirst();
  }

  /** "internal, accelerate, ..." for error messages. */
  public static String allConfigNames() {
    return Arrays.stream(values()).map(EndpointType::configName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return configName;
  }
}
