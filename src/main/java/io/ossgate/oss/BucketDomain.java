package io.ossgate.oss;

import java.util.Objects;
import java.util.Optional;

/**
 * A virtual-hosted bucket domain: {@code BUCKET.} + endpoint host, e.g.
 * {@code example-bucket.oss-ap-southeast-1-internal.aliyuncs.com}. The gateway always sends
 * upstream requests to such a domain (OSS rejects path style with SecondLevelDomainForbidden).
 */
public record BucketDomain(BucketName bucket, OssEndpoint endpoint) {

  public BucketDomain {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  public static BucketDomain of(BucketName bucket, EndpointType type, RegionId region) {
    return new BucketDomain(bucket, OssEndpoint.of(type, region));
  }

  public EndpointType type() {
    return endpoint.type();
  }

  public String host() {
    return bucket.value() + "." + endpoint.host();
  }

  /**
   * Parses a Host back into bucket, endpoint type and (where the form carries one) region.
   * Empty when the host is not a bucket domain — including a bare endpoint (path style).
   */
  public static Optional<BucketDomain> parse(String host) {
    String h = OssEndpoint.Hosts.normalize(host);
    int dot = h.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String label = h.substring(0, dot);
    if (!BucketName.isValid(label)) {
      return Optional.empty();
    }
    return OssEndpoint.parse(h.substring(dot + 1))
        .map(endpoint -> new BucketDomain(BucketName.of(label), endpoint));
  }

  @Override
  public String toString() {
    return host();
  }
}
