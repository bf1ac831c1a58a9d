package io.ossgate.site;

import io.ossgate.config.SiteSettings;
import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A configured site: its settings and its upstreams, in configured order. Immutable. */
public record Site(SiteSettings settings, List<Upstream> upstreams) {

  public Site {
    Objects.requireNonNull(settings, "settings");
    upstreams = List.copyOf(upstreams);
  }

  public static Site from(SiteSettings settings) {
    List<Upstream> upstreams = settings.endpoints().stream()
        .map(type -> new Upstream(settings.name(), BucketDomain.of(settings.bucket(), type, settings.region())))
        .toList();
    return new Site(settings, upstreams);
  }

  public String name() {
    return settings.name();
  }

  public BucketName bucket() {
    return settings.bucket();
  }

  public RegionId region() {
    return settings.region();
  }

  public Optional<Upstream> upstream(EndpointType type) {
    return upstreams.stream().filter(u -> u.type() == type).findFirst();
  }

  /** Every default bucket domain of this bucket, of every endpoint type (transparent mode). */
  public List<String> defaultBucketHosts() {
    return java.util.Arrays.stream(EndpointType.values())
        .map(type -> BucketDomain.of(bucket(), type, region()).host())
        .toList();
  }
}
