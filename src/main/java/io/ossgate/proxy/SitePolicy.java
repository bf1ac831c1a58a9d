package io.ossgate.proxy;

import io.ossgate.oss.EndpointType;
import io.ossgate.oss.OssError;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a site adds to the plain request path: access rules (methods, signatures), requests the
 * gateway answers itself (CORS preflight, redirects), how each attempt's request is prepared
 * (gateway signing, Host override for bound domains, index documents) and response header rules
 * (inline preview, CORS). Policies are immutable and thread-safe; several compose in order.
 */
public interface SitePolicy {

  /** The plain pass-through: no rules, nothing changed. */
  SitePolicy NONE = new SitePolicy() { };

  /**
   * Answers the request without any upstream when the policy owns it (CORS preflight, an
   * HTTP→HTTPS redirect). Returns true when {@code response} was (or will be) ended here.
   */
  default boolean answerLocally(ClientRequest request, HttpServerResponse response) {
    return false;
  }

  /** An error to answer instead of forwarding (method not allowed, a signature that cannot validate...). */
  default Optional<OssError> reject(ClientRequest request) {
    return Optional.empty();
  }

  /**
   * The only endpoint type this request may go to, when it cannot be re-targeted (its signature
   * covers the Host of one of the bucket's own domains). Empty = any of the site's upstreams.
   */
  default Optional<EndpointType> pinnedEndpoint(ClientRequest request) {
    return Optional.empty();
  }

  /**
   * The request to send for one attempt at {@code target}. Called for every attempt (and every
   * resume), so signatures are fresh and may differ per upstream. Runs on the event loop and must
   * not block; credentials come from a non-blocking provider.
   */
  default Future<OutboundRequest> prepare(ClientRequest request, OutboundRequest base, UpstreamTarget target) {
    return Future.succeededFuture(base);
  }

  /**
   * Adjusts the headers of a relayed response (or of an error the gateway makes) before they are
   * written. {@code status} is the status about to be sent.
   */
  default void onResponseHeaders(ClientRequest request, int status, MultiMap headers) {}

  /**
   * The request-target of an object that should answer instead of an upstream error with
   * {@code status} (a web site's error document, e.g. {@code /error.html} for 404), or empty. The
   * proxy fetches it from the same upstream before committing; it is served with {@code status}
   * when it exists (200), and the original error is relayed otherwise.
   */
  default Optional<String> errorDocument(ClientRequest request, int status) {
    return Optional.empty();
  }

  /** Applies {@code policies} in order: the first that answers or rejects wins; prepare chains. */
  static SitePolicy compose(List<SitePolicy> policies) {
    List<SitePolicy> all = List.copyOf(policies);
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new SitePolicy() {
      @Override
      public boolean answerLocally(ClientRequest request, HttpServerResponse response) {
        for (SitePolicy p : all) {
          if (p.answerLocally(request, response)) {
            return true;
          }
        }
        return false;
      }

      @Override
      public Optional<OssError> reject(ClientRequest request) {
        for (SitePolicy p : all) {
          Optional<OssError> error = p.reject(request);
          if (error.isPresent()) {
            return error;
          }
        }
        return Optional.empty();
      }

      @Override
      public Optional<EndpointType> pinnedEndpoint(ClientRequest request) {
        for (SitePolicy p : all) {
          Optional<EndpointType> pinned = p.pinnedEndpoint(request);
          if (pinned.isPresent()) {
            return pinned;
          }
        }
        return Optional.empty();
      }

      @Override
      public Future<OutboundRequest> prepare(ClientRequest request, OutboundRequest base, UpstreamTarget target) {
        return prepareFrom(0, request, base, target);
      }

      /** Policies from {@code first} on; those that answer at once (most do) chain without a future between them. */
      private Future<OutboundRequest> prepareFrom(int first, ClientRequest request, OutboundRequest base,
          UpstreamTarget target) {
        OutboundRequest current = base;
        for (int i = first; i < all.size(); i++) {
          Future<OutboundRequest> next = all.get(i).prepare(request, current, target);
          if (!next.succeeded()) {
            int rest = i + 1;
            return rest == all.size() ? next : next.compose(r -> prepareFrom(rest, request, r, target));
          }
          current = next.result();
        }
        return Future.succeededFuture(current);
      }

      @Override
      public void onResponseHeaders(ClientRequest request, int status, MultiMap headers) {
        for (SitePolicy p : all) {
          p.onResponseHeaders(request, status, headers);
        }
      }

      @Override
      public Optional<String> errorDocument(ClientRequest request, int status) {
        for (SitePolicy p : all) {
          Optional<String> uri = p.errorDocument(request, status);
          if (uri.isPresent()) {
            return uri;
          }
        }
        return Optional.empty();
      }

      @Override
      public String toString() {
        return "SitePolicy" + new ArrayList<>(all);
      }
    };
  }
}
