package io.ossgate.site;

import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.EndpointType;
import java.util.Objects;

/**
 * One upstream of a site: a bucket domain of one endpoint type. Health, breakers and latency are
 * kept per upstream, i.e. per (site, endpoint type).
 */
public record Upstream(String siteName, BucketDomain domain) {

  public Upstream {
    Objects.requireNonNull(siteName, "siteName");
    Objects.requireNonNull(domain, "domain");
  }

  public EndpointType type() {
    return domain.type();
  }

  /** The virtual-hosted bucket domain requests are sent to (and the Host header they carry). */
  public String host() {
    return domain.host();
  }

  /** A stable name for logs, metrics and breakers: {@code site/type}. */
  public String id() {
    return siteName + "/" + type().configName();
  }

  @Override
  public String toString() {
    return id();
  }
}
