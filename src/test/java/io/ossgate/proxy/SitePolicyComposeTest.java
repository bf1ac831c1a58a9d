package io.ossgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SitePolicy#compose}'s prepare chain: in order, each policy on the previous one's request, sync or not. */
class SitePolicyComposeTest {

  private final List<String> calls = new ArrayList<>();

  @Test
  void preparesInOrderThroughPoliciesThatAnswerAtOnceAndLater() {
    Promise<OutboundRequest> later = Promise.promise();
    SitePolicy composed = SitePolicy.compose(List.of(appending("a"), deferred(later), appending("c")));

    Future<OutboundRequest> out = composed.prepare(null, request("/x"), null);

    assertThat(calls).containsExactly("a", "deferred");
    assertThat(out.isComplete()).as("waits for the deferred policy").isFalse();
    later.complete(request("/x-a-b"));
    assertThat(out.succeeded()).isTrue();
    assertThat(out.result().uri()).isEqualTo("/x-a-b-c");
    assertThat(calls).containsExactly("a", "deferred", "c");
  }

  @Test
  void synchronousPoliciesCompleteTheChainAtOnce() {
    SitePolicy composed = SitePolicy.compose(List.of(appending("a"), appending("b")));

    Future<OutboundRequest> out = composed.prepare(null, request("/x"), null);

    assertThat(out.succeeded()).isTrue();
    assertThat(out.result().uri()).isEqualTo("/x-a-b");
  }

  @Test
  void aFailingPolicyStopsTheChain() {
    SitePolicy failing = new SitePolicy() {
      @Override
      public Future<OutboundRequest> prepare(ClientRequest r, OutboundRequest base, UpstreamTarget t) {
        calls.add("failing");
        return Future.failedFuture("no credentials");
      }
    };
    SitePolicy composed = SitePolicy.compose(List.of(appending("a"), failing, appending("c")));

    Future<OutboundRequest> out = composed.prepare(null, request("/x"), null);

    assertThat(out.failed()).isTrue();
    assertThat(out.cause()).hasMessage("no credentials");
    assertThat(calls).containsExactly("a", "failing");
  }

  private SitePolicy appending(String suffix) {
    return new SitePolicy() {
      @Override
      public Future<OutboundRequest> prepare(ClientRequest r, OutboundRequest base, UpstreamTarget t) {
        calls.add(suffix);
        return Future.succeededFuture(base.with(base.uri() + "-" + suffix, base.headers()));
      }
    };
  }

  private SitePolicy deferred(Promise<OutboundRequest> result) {
    return new SitePolicy() {
      @Override
      public Future<OutboundRequest> prepare(ClientRequest r, OutboundRequest base, UpstreamTarget t) {
        calls.add("deferred");
        return result.future();
      }
    };
  }

  private static OutboundRequest request(String uri) {
    return new OutboundRequest(HttpMethod.GET, uri, MultiMap.caseInsensitiveMultiMap(), false, false, false);
  }
}
