package io.ossgate.auth;

import io.ossgate.config.SiteAccess;
import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.OssError;
import io.ossgate.proxy.ClientRequest;
import io.ossgate.proxy.SitePolicy;
import io.ossgate.site.Site;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code auth: passthrough}: client signatures reach OSS untouched. A signature that covers
 * {@code Host} (V4 additional headers naming {@code host}, or a form the gateway cannot read) only
 * validates with the Host it was made for (oss-reference §5), so such a request is
 * <ul>
 *   <li>pinned to its endpoint type when the client addressed one of the bucket's own domains;
 *   <li>forwarded with the client's Host when the site's domain is bound to the bucket
 *       ({@code bound-domain: true});
 *   <li>refused with 403 {@code SignatureHostMismatch} otherwise, instead of a confusing
 *       {@code SignatureDoesNotMatch} from OSS.
 * </ul>
 */
public final class PassthroughPolicy implements SitePolicy {

  public static final String HOST_MISMATCH = "SignatureHostMismatch";

  private final Site site;
  private final SiteAccess access;

  public PassthroughPolicy(Site site, SiteAccess access) {
    this.site = Objects.requireNonNull(site, "site");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public Optional<OssError> reject(ClientRequest request) {
    if (!signsHost(request)) {
      return Optional.empty();
    }
    Optional<EndpointType> own = ownDomainType(request.host());
    if (own.isPresent()) {
      return site.upstream(own.get()).isPresent() ? Optional.empty()
          : Optional.of(new OssError(403, HOST_MISMATCH, "The request's signature covers Host '" + request.host()
              + "', a " + own.get().configName() + " domain, but site '" + site.name()
              + "' does not list that endpoint type, so the signature cannot validate anywhere else."));
    }
    if (access.boundDomain()) {
      return Optional.empty();
    }
    return Optional.of(new OssError(403, HOST_MISMATCH, "The request's signature covers Host '" + request.host()
        + "', but that domain is not bound to bucket '" + site.bucket() + "' in OSS (site '" + site.name()
        + "' has bound-domain: false), so OSS would reject it. Sign without 'host' in the additional headers, "
        + "or bind the domain to the bucket and set bound-domain: true."));
  }

  @Override
  public Optional<EndpointType> pinnedEndpoint(ClientRequest request) {
    return signsHost(request) ? ownDomainType(request.host()) : Optional.empty();
  }

  @Override
  public Future<OutboundRequest> prepare(ClientRequest request, OutboundRequest base, UpstreamTarget target) {
    if (access.boundDomain() && signsHost(request) && ownDomainType(request.host()).isEmpty()) {
      return Future.succeededFuture(base.withHost(request.host()));
    }
    return Future.succeededFuture(base);
  }

  private static boolean signsHost(ClientRequest request) {
    return request.signature().signsHost();
  }

  /** The endpoint type when {@code host} is one of this bucket's own domains. */
  private Optional<EndpointType> ownDomainType(String host) {
    return BucketDomain.parse(host)
        .filter(d -> d.bucket().equals(site.bucket()))
        .filter(d -> d.endpoint().region().map(r -> r.equals(site.region())).orElse(true))
        .map(BucketDomain::type);
  }

  @Override
  public String toString() {
    return "PassthroughPolicy[bound-domain=" + access.boundDomain() + "]";
  }
}
