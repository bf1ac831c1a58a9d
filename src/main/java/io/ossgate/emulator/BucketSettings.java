package io.ossgate.emulator;

import io.ossgate.oss.BucketName;
import io.ossgate.oss.RegionId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One emulated bucket: its name, region (which its regional bucket domains must name), anonymous
 * access and the custom domains bound to it (CNAME). Bound domains are matched case-insensitively
 * without port and never get the forced-download headers of default domains.
 */
public record BucketSettings(BucketName name, RegionId region, BucketAcl acl, List<String> boundDomains) {

  public BucketSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(acl, "acl");
    boundDomains = boundDomains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** A public-read-write bucket without bound domains. */
  public static BucketSettings of(String name, String region) {
    return new BucketSettings(BucketName.of(name), RegionId.of(region), BucketAcl.PUBLIC_READ_WRITE, List.of());
  }

  public BucketSettings withAcl(BucketAcl newAcl) {
    return new BucketSettings(name, region, newAcl, boundDomains);
  }

  public BucketSettings withBoundDomains(List<String> domains) {
    return new BucketSettings(name, region, acl, domains);
  }
}
