package io.ossgate.emulator;

import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.OssEndpoint;
import io.ossgate.oss.OssError;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps a request's Host to a bucket the way OSS does. Immutable. */
final class HostRouter {

  /** Where a Host leads: a bucket (and whether through a bound custom domain), or an error. */
  record Route(Optional<BucketSettings> bucket, boolean boundDomain, Optional<OssError> error) {
    static Route of(BucketSettings bucket, boolean bound) {
      return new Route(Optional.of(bucket), bound, Optional.empty());
    }

    static Route failed(OssError error) {
      return new Route(Optional.empty(), false, Optional.of(error));
    }
  }

  private final Map<String, BucketSettings> byName = new HashMap<>();
  private final Map<String, BucketSettings> byBoundDomain = new HashMap<>();

  HostRouter(List<BucketSettings> buckets) {
    for (BucketSettings b : buckets) {
      byName.put(b.name().value(), b);
      for (String d : b.boundDomains()) {
        byBoundDomain.put(d, b);
      }
    }
  }

  Route route(String hostHeader) {
    String host = normalize(hostHeader);
    if (host.isEmpty()) {
      return Route.failed(OssError.invalidArgument("The request has no Host header."));
    }
    BucketSettings bound = byBoundDomain.get(host);
    if (bound != null) {
      return Route.of(bound, true);
    }
    Optional<BucketDomain> domain = BucketDomain.parse(host);
    if (domain.isPresent()) {
      BucketSettings bucket = byName.get(domain.get().bucket().value());
      if (bucket == null) {
        return Route.failed(OssError.noSuchBucket(domain.get().bucket().value()));
      }
      Optional<io.ossgate.oss.RegionId> region = domain.get().endpoint().region();
      if (region.isPresent() && !region.get().equals(bucket.region())) {
        return Route.failed(OssError.accessDenied("The bucket you are attempting to access must be addressed "
            + "using the specified endpoint. Please send all future requests to this endpoint: "
            + io.ossgate.oss.OssEndpoint.of(domain.get().type(), bucket.region()).host()));
      }
      return Route.of(bucket, false);
    }
    if (OssEndpoint.parse(host).isPresent()) {
      return Route.failed(OssError.secondLevelDomainForbidden());
    }
    return Route.failed(new OssError(404, "NoSuchBucket",
        "The host " + host + " is neither a bucket domain nor a domain bound to a bucket."));
  }

  private static String normalize(String host) {
    if (host == null) {
      return "";
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (!h.startsWith("[")) {
      int colon = h.lastIndexOf(':');
      if (colon >= 0 && h.indexOf(':') == colon) {
        h = h.substring(0, colon);
      }
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
