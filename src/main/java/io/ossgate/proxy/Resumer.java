package io.ossgate.proxy;

import io.ossgate.health.AttemptTicket;
import io.ossgate.routing.RequestHints;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.FailureKind;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamCall;
import io.ossgate.upstream.UpstreamCalls;
import io.ossgate.upstream.UpstreamFailure;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.MultiMap;
import io.ossgate.upstream.UpstreamResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the continuation of a download whose body broke after the response was committed: asks
 * the upstreams, in rank order with the broken one last, for exactly the bytes still owed
 * ({@code Range}) of exactly the same object ({@code If-Match} on its ETag). Only a 206 for that
 * range of that ETag is spliced; a changed object ends the exchange, because two versions must
 * never be joined into one body. Confined to the exchange's event loop.
 */
final class Resumer {

  private static final Logger log = LoggerFactory.getLogger(Resumer.class);

  /** What the exchange hears from a resume. */
  interface Outcome {
    /** A continuation request is being made (the exchange tracks it, to cancel it if the client leaves). */
    void attempting(UpstreamCall call, AttemptTicket ticket);

    /** {@code response} carries exactly the owed bytes: relay its body, with {@code resumesLeft} more resumes. */
    void spliced(AttemptTicket ticket, UpstreamCall call, UpstreamResponse response, ResumePlan plan, int resumesLeft);

    /** No continuation: the client must see a broken connection. */
    void failed();
  }

  private final UpstreamCalls calls;
  private final ProxyContext ctx;
  private final Exchange ex;

  Resumer(UpstreamCalls calls, ProxyContext ctx, Exchange ex) {
    this.calls = calls;
    this.ctx = ctx;
    this.ex = ex;
  }

  /**
   * Resumes at {@code plan}.
   *
   * @param broken the upstream whose body broke, tried last
   * @param servedBy the endpoint type that served the body so far (for the metrics)
   */
  void resume(ResumePlan plan, Upstream broken, int resumesLeft, String servedBy, Outcome outcome) {
    List<Upstream> ranked = new ArrayList<>(ex.pinned(ctx.routing().rank(ex.site, RequestHints.of("GET", plan.remaining()))));
    // Prefer another upstream; the broken one stays as the last choice (the break may be transient).
    if (ranked.remove(broken)) {
      ranked.add(broken);
    }
    tryNext(ranked, 0, plan, resumesLeft, servedBy, outcome);
  }

  private void tryNext(List<Upstream> ranked, int index, ResumePlan plan, int resumesLeft, String servedBy,
      Outcome outcome) {
    if (ex.finished) {
      return;
    }
    if (index >= ranked.size() || resumesLeft <= 0) {
      ctx.metrics().resume(ex.site.name(), servedBy, "failed");
      outcome.failed();
      return;
    }
    Upstream upstream = ranked.get(index);
    AttemptTicket ticket = ctx.health().begin(upstream);
    if (!ticket.permitted()) {
      tryNext(ranked, index + 1, plan, resumesLeft, servedBy, outcome);
      return;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(ex.outbound.headers());
    headers.remove("Range");
    headers.remove("If-Range");
    headers.set("Range", plan.rangeHeader());
    headers.set(HttpHeaders.IF_MATCH, plan.etag());
    OutboundRequest base = new OutboundRequest(HttpMethod.GET, ex.outbound.uri(), headers, false, false, false);
    UpstreamTarget target = ctx.targets().get(upstream);
    ex.policy.prepare(ex.client, base, target).onComplete(prepared -> {
      if (prepared.failed() || ex.finished) {
        ticket.cancelled();
        ctx.metrics().resume(ex.site.name(), servedBy, "failed");
        outcome.failed();
        return;
      }
      send(ranked, index, plan, resumesLeft, servedBy, outcome, upstream, ticket, target, prepared.result());
    });
  }

  private void send(List<Upstream> ranked, int index, ResumePlan plan, int resumesLeft, String servedBy,
      Outcome outcome, Upstream upstream, AttemptTicket ticket, UpstreamTarget target, OutboundRequest out) {
    UpstreamCall call = calls.start(target, out, null, null, UpstreamCall.Listener.NONE, true); // a ranged GET
    outcome.attempting(call, ticket);
    call.response().onComplete(ar -> {
      if (ar.failed()) {
        UpstreamFailure failure = (UpstreamFailure) ar.cause();
        if (failure.kind() == FailureKind.CANCELLED || ex.finished) {
          if (!ticket.done()) {
            ticket.cancelled();
          }
          return;
        }
        ticket.failed(ExchangeRunner.healthKind(failure.kind()));
        tryNext(ranked, index + 1, plan, resumesLeft - 1, servedBy, outcome);
        return;
      }
      UpstreamResponse response = ar.result();
      ticket.headers(response.statusCode(), null);
      if (plan.accepts(response.statusCode(), response.headers())) {
        ctx.metrics().resume(ex.site.name(), upstream.type().configName(), "spliced");
        outcome.spliced(ticket, call, response, plan, resumesLeft - 1);
        return;
      }
      ticket.cancelled();
      call.cancel();
      if (response.statusCode() == 412 || response.statusCode() == 200 || response.statusCode() == 206) {
        // The object changed under us (or the upstream ignored the range): never splice two versions.
        log.warn("{} {} object changed during resume ({} {}); resetting the client", ex.requestId(), ex.site.name(),
            response.statusCode(), response.getHeader("etag"));
        ctx.metrics().resume(ex.site.name(), upstream.type().configName(), "changed");
        outcome.failed();
      } else {
        tryNext(ranked, index + 1, plan, resumesLeft - 1, servedBy, outcome);
      }
    });
  }
}
