package io.ossgate.proxy;

import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.util.List;

/** Orders a site's upstreams for one request: the first is tried first. */
@FunctionalInterface
public interface Ranking {

  List<Upstream> rank(Site site, RequestInfo request);

  /** The configured order. */
  static Ranking configuredOrder() {
    return (site, request) -> site.upstreams();
  }

  /** What a ranking may know about the request. */
  record RequestInfo(String method, String uri, long expectedBytes) {}
}
