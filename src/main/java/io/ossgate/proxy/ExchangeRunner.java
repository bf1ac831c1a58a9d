package io.ossgate.proxy;

import io.ossgate.health.AttemptTicket;
import io.ossgate.health.BodyEnd;
import io.ossgate.health.ObjectSizeCache;
import io.ossgate.health.Outcome;
import io.ossgate.oss.OssError;
import io.ossgate.routing.RequestHints;
import io.ossgate.site.Upstream;
import io.ossgate.upstream.FailureKind;
import io.ossgate.upstream.OutboundRequest;
import io.ossgate.upstream.UpstreamCall;
import io.ossgate.upstream.UpstreamCalls;
import io.ossgate.upstream.UpstreamFailure;
import io.ossgate.upstream.UpstreamTarget;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.ossgate.upstream.UpstreamResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one exchange from ranking to the last byte:
 * <ol>
 *   <li>attempts in rank order, each under a health ticket (breaker permission, time to headers);
 *   <li>before commit, fails over on transport failures and on 5xx/429/ineligible answers when the
 *       request may be repeated, within the retry budget, backing off after {@code SlowDown};
 *   <li>commits the first acceptable response and streams it;
 *   <li>after commit, resumes a broken GET body from another upstream with {@code Range} and
 *       {@code If-Match}, or resets the client: a cut body never ends as if complete.
 * </ol>
 * Confined to the client connection's event loop.
 */
final class ExchangeRunner {

  private static final Logger log = LoggerFactory.getLogger(ExchangeRunner.class);
  private static final long MAX_BACKOFF_MILLIS = 1000;

  private final Vertx vertx;
  private final UpstreamCalls calls;
  private final ProxyContext ctx;
  private final Exchange ex;
  private final Resumer resumer;
  private final List<String> skipped = new ArrayList<>();
  private RequestBody body;
  private int attemptsStarted;
  private long backoffMillis;
  private int status;
  private String servedBy = "none";
  private long bytesOut;
  private AttemptTicket currentTicket;

  ExchangeRunner(Vertx vertx, UpstreamCalls calls, ProxyContext ctx, Exchange ex) {
    this.vertx = vertx;
    this.calls = calls;
    this.ctx = ctx;
    this.ex = ex;
    this.resumer = new Resumer(calls, ctx, ex);
  }

  void start() {
    ctx.retryBudget().onRequest();
    RequestBody.prepare(ex.in, ex.outbound, ex.operation, ctx.selection().replayBufferBytes()).onComplete(ar -> {
      if (ar.failed()) {
        // The client's own body broke while it was being read: nobody is left to answer.
        finish(400);
        return;
      }
      body = ar.result();
      attempt(rank(), 0, false);
    });
  }

  /** Called when the client's connection closed before the exchange finished. */
  void clientGone() {
    if (ex.finished) {
      return;
    }
    ex.finished = true;
    if (ex.current != null) {
      ex.current.cancel();
    }
    if (currentTicket != null && !currentTicket.done()) {
      currentTicket.cancelled();
    }
    record(499);
  }

  private List<Upstream> rank() {
    long expected = expectedBytes();
    RequestHints hints = expected >= 0 ? RequestHints.of(ex.in.method().name(), expected)
        : RequestHints.of(ex.in.method().name());
    return ex.pinned(ctx.routing().rank(ex.site, hints));
  }

  /** The size of the body this request will download, when the Range or a recent response tells. */
  private long expectedBytes() {
    if (ex.in.method() != HttpMethod.GET) {
      return -1;
    }
    String range = ex.in.headers().get("Range");
    if (range != null) {
      return RangeHeader.length(range);
    }
    Optional<ObjectSizeCache.ObjectSize> known = ctx.sizes().lookup(ex.site.bucket().value(), ex.path());
    return known.isPresent() ? known.get().bytes() : -1;
  }

  // ---- before commit -------------------------------------------------------------------------

  private void attempt(List<Upstream> ranked, int index, boolean lastResort) {
    if (ex.finished) {
      return;
    }
    if (index >= ranked.size()) {
      if (!lastResort && attemptsStarted == 0 && !ranked.isEmpty()) {
        // Every breaker is open: try them anyway, in score order, before failing the client.
        attempt(ranked, 0, true);
      } else {
        allFailed();
      }
      return;
    }
    Upstream upstream = ranked.get(index);
    AttemptTicket ticket = lastResort ? ctx.health().health(upstream).beginLastResort() : ctx.health().begin(upstream);
    if (!ticket.permitted()) {
      skipped.add(ctx.targets().get(upstream).describe() + ": skipped, "
          + ticket.refusal().map(r -> r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse("refused"));
      ctx.metrics().attempt(ex.site.name(), upstream.type().configName(), "skipped");
      attempt(ranked, index + 1, lastResort);
      return;
    }
    if (attemptsStarted > 0 && !ctx.retryBudget().tryAcquireRetry()) {
      ticket.cancelled();
      skipped.add("retry budget exhausted before " + ctx.targets().get(upstream).describe());
      allFailed();
      return;
    }
    attemptsStarted++;
    long delay = backoffMillis;
    backoffMillis = 0;
    if (delay > 0) {
      vertx.setTimer(delay, id -> send(ranked, index, lastResort, ticket));
    } else {
      send(ranked, index, lastResort, ticket);
    }
  }

  private void send(List<Upstream> ranked, int index, boolean lastResort, AttemptTicket ticket) {
    if (ex.finished) {
      ticket.cancelled();
      return;
    }
    UpstreamTarget target = ctx.targets().get(ticket.upstream());
    boolean buffered = body.mode() == RequestBody.Mode.BUFFERED;
    OutboundRequest base = buffered ? withoutExpect(ex.outbound) : ex.outbound;
    ex.policy.prepare(ex.client, base, target).onComplete(prepared -> {
      if (prepared.failed()) {
        // The site could not prepare the request (e.g. no credentials): not the upstream's fault.
        ticket.cancelled();
        skipped.add(target.describe() + ": " + prepared.cause().getMessage());
        allFailed();
        return;
      }
      sendPrepared(ranked, index, lastResort, ticket, target, prepared.result(), buffered);
    });
  }

  private void sendPrepared(List<Upstream> ranked, int index, boolean lastResort, AttemptTicket ticket,
      UpstreamTarget target, OutboundRequest out, boolean buffered) {
    if (ex.finished) {
      ticket.cancelled();
      return;
    }
    UpstreamCall call = calls.start(target, out,
        body.mode() == RequestBody.Mode.STREAMED ? ex.in : null, buffered ? body.buffered() : null,
        new UpstreamCall.Listener() {
          @Override
          public void continued() {
            ex.in.response().writeContinue();
          }

          @Override
          public void bodySent() {
            // An upload's length is no measure of the upstream's latency: the sample starts here.
            ticket.bodySent();
          }
        }, mayRepeat());
    ex.current = call;
    currentTicket = ticket;
    call.response().onComplete(ar -> {
      if (ar.failed()) {
        onAttemptFailed(ranked, index, lastResort, ticket, (UpstreamFailure) ar.cause());
        return;
      }
      UpstreamResponse response = ar.result();
      if (ErrorBodies.worthReading(ex.in.method(), response)) {
        response.body().onComplete(b -> decide(ranked, index, lastResort, ticket, call, response,
            b.succeeded() ? b.result() : null, b.failed()));
      } else {
        decide(ranked, index, lastResort, ticket, call, response, null, false);
      }
    });
  }

  private void onAttemptFailed(List<Upstream> ranked, int index, boolean lastResort, AttemptTicket ticket,
      UpstreamFailure failure) {
    if (failure.kind() == FailureKind.CANCELLED || ex.finished) {
      if (!ticket.done()) {
        ticket.cancelled();
      }
      return;
    }
    ticket.failed(healthKind(failure.kind()));
    ctx.metrics().attempt(ex.site.name(), ticket.upstream().type().configName(), metricName(failure.kind()));
    ex.failures.add(failure);
    log.debug("{} {} attempt failed on {}: {}", ex.requestId(), ex.site.name(), failure.target().describe(),
        failure.getMessage());
    if (failure.kind() == FailureKind.CONNECT || mayRepeat()) {
      attempt(ranked, index + 1, lastResort);
    } else {
      allFailed();
    }
  }

  /** Another attempt may follow one that (maybe) reached the upstream. */
  private boolean mayRepeat() {
    return ex.operation.retrySafe() && body.replayable();
  }

  private void decide(List<Upstream> ranked, int index, boolean lastResort, AttemptTicket ticket, UpstreamCall call,
      UpstreamResponse response, Buffer errorBody, boolean errorBodyBroke) {
    if (ex.finished) {
      call.cancel();
      if (!ticket.done()) {
        ticket.cancelled();
      }
      return;
    }
    if (errorBodyBroke) {
      // The small error body itself broke: a transport failure of this upstream.
      call.cancel();
      onAttemptFailed(ranked, index, lastResort, ticket,
          new UpstreamFailure(call.target(), FailureKind.RESET, "error body broke"));
      return;
    }
    int code = response.statusCode();
    String ossCode = code >= 400 ? (errorBody != null ? ErrorBodies.code(errorBody) : ErrorBodies.codeFromHeader(response)) : null;
    Outcome outcome = ticket.headers(code, ossCode);
    String type = ticket.upstream().type().configName();
    ctx.metrics().attempt(ex.site.name(), type, outcome.label());
    boolean bad = outcome == Outcome.FAILURE || outcome == Outcome.INELIGIBLE;
    if (bad && index + 1 < ranked.size() && mayRepeat()) {
      ex.failures.add(new UpstreamFailure(call.target(), FailureKind.RESET,
          "HTTP " + code + (ossCode == null ? "" : " " + ossCode)));
      if (errorBody != null) {
        ticket.bodyDone(errorBody.length(), BodyEnd.COMPLETE);
      } else {
        ticket.cancelled();
        call.cancel();
      }
      if (code == 503 || "SlowDown".equals(ossCode)) {
        // OSS throttles the bucket, not one endpoint: wait before asking again.
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(attemptsStarted, 5));
      }
      attempt(ranked, index + 1, lastResort);
      return;
    }
    Optional<String> errorDocument = ex.policy.errorDocument(ex.client, code);
    if (errorDocument.isPresent() && (errorBody != null || ex.in.method() == HttpMethod.HEAD)) {
      fetchErrorDocument(ticket, call, response, errorBody, errorDocument.get());
      return;
    }
    commit(ticket, call, response, errorBody);
  }

  /**
   * Answers an upstream error with the site's error document, fetched from the same upstream and
   * sent with the error's status. Before commit, so when the document is missing or its fetch
   * fails, the original (already read) error is relayed instead.
   */
  private void fetchErrorDocument(AttemptTicket ticket, UpstreamCall call, UpstreamResponse error,
      Buffer errorBody, String uri) {
    AttemptTicket docTicket = ctx.health().begin(ticket.upstream());
    if (!docTicket.permitted()) {
      commit(ticket, call, error, errorBody);
      return;
    }
    UpstreamTarget target = call.target();
    OutboundRequest base = ErrorDocuments.request(ex.in.method(), uri, ex.outbound.headers());
    ex.policy.prepare(ex.client, base, target).onComplete(prepared -> {
      if (ex.finished || prepared.failed()) {
        docTicket.cancelled();
        if (ex.finished) {
          cancelIfOpen(ticket);
        } else {
          commit(ticket, call, error, errorBody);
        }
        return;
      }
      UpstreamCall docCall = calls.start(target, prepared.result(), null, null, UpstreamCall.Listener.NONE, true);
      ex.current = docCall;
      currentTicket = docTicket;
      docCall.response().onComplete(ar -> {
        if (ar.failed()) {
          UpstreamFailure failure = (UpstreamFailure) ar.cause();
          if (!docTicket.done()) {
            if (failure.kind() == FailureKind.CANCELLED) {
              docTicket.cancelled();
            } else {
              docTicket.failed(healthKind(failure.kind()));
            }
          }
        } else {
          docTicket.headers(ar.result().statusCode(), null);
        }
        if (ex.finished) {
          docCall.cancel();
          cancelIfOpen(docTicket);
          cancelIfOpen(ticket);
          return;
        }
        if (ar.succeeded() && ErrorDocuments.usable(ar.result().statusCode())) {
          ticket.bodyDone(errorBody == null ? 0 : errorBody.length(), BodyEnd.COMPLETE);
          commit(docTicket, docCall, ar.result(), null, error.statusCode());
          return;
        }
        log.debug("{} {} error document {} not served ({}); relaying the error", ex.requestId(), ex.site.name(),
            uri, ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().getMessage());
        cancelIfOpen(docTicket);
        if (ar.succeeded()) {
          ar.result().exceptionHandler(ignored -> { }); // the reset below is ours, not news
        }
        docCall.cancel();
        ex.current = call;
        commit(ticket, call, error, errorBody);
      });
    });
  }

  // ---- after commit --------------------------------------------------------------------------

  private void commit(AttemptTicket ticket, UpstreamCall call, UpstreamResponse response, Buffer errorBody) {
    commit(ticket, call, response, errorBody, response.statusCode());
  }

  /** Commits {@code response} with status {@code sentStatus} (an error document keeps its error's status). */
  private void commit(AttemptTicket ticket, UpstreamCall call, UpstreamResponse response, Buffer errorBody,
      int sentStatus) {
    status = sentStatus;
    servedBy = ticket.upstream().type().configName();
    HttpServerResponse out = ex.in.response();
    // An early answer (before the upload finished) leaves the client's body half read.
    boolean closeAfter = body.mode() == RequestBody.Mode.STREAMED && !call.requestEnded();
    rememberSize(response);
    ResponseRelay.writeHead(response, out, servedBy, closeAfter);
    if (sentStatus != response.statusCode()) {
      ErrorDocuments.asError(out, sentStatus);
    }
    ex.policy.onResponseHeaders(ex.client, status, out.headers());
    if (errorBody != null) {
      bytesOut = errorBody.length();
      ticket.bodyDone(errorBody.length(), BodyEnd.COMPLETE);
      out.end(errorBody);
      finish(status);
      return;
    }
    if (ResponseRelay.bodyless(ex.in.method(), status)) {
      out.end();
      response.end().onComplete(v -> ticket.bodyDone(0, BodyEnd.COMPLETE));
      finish(status);
      return;
    }
    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      out.setChunked(true);
    }
    relayBody(ticket, call, response, null, ctx.selection().resumeAttempts());
  }

  /**
   * Streams {@code response}'s body to the client.
   *
   * @param plan where this body starts within the object, for a resumed body; null for the first
   *     response, whose plan is worked out from its headers only if its body breaks
   */
  private void relayBody(AttemptTicket ticket, UpstreamCall call, UpstreamResponse response,
      ResumePlan plan, int resumesLeft) {
    currentTicket = ticket;
    ex.current = call;
    HttpServerResponse out = ex.in.response();
    BodyRelay.start(response, out, ctx.relayMemory(), (end, relayed, cause) -> {
      bytesOut += relayed;
      if (end == BodyRelay.End.COMPLETE) {
        ticket.bodyDone(relayed, BodyEnd.COMPLETE);
        finish(status);
        return;
      }
      if (end == BodyRelay.End.CLIENT_GONE || ex.finished || out.closed()) {
        // The client left; clientGone() may already have ended the ticket and cancelled the call.
        if (!ticket.done()) {
          ticket.bodyDone(relayed, BodyEnd.DOWNSTREAM_GONE);
        }
        call.cancel();
        clientGone();
        return;
      }
      ticket.bodyDone(relayed, BodyEnd.UPSTREAM_BROKEN);
      call.cancel();
      Optional<ResumePlan> next = resumable(plan, response).map(p -> p.advance(relayed));
      if (next.isPresent() && !next.get().complete() && resumesLeft > 0) {
        log.info("{} {} body from {} broke after {} bytes ({}); resuming at {}", ex.requestId(), ex.site.name(),
            call.target().describe(), relayed, cause, next.get().rangeHeader());
        resumer.resume(next.get(), ticket.upstream(), resumesLeft, servedBy, new Resumer.Outcome() {
          @Override
          public void attempting(UpstreamCall resumed, AttemptTicket resumedTicket) {
            ex.current = resumed;
            currentTicket = resumedTicket;
          }

          @Override
          public void spliced(AttemptTicket resumedTicket, UpstreamCall resumed, UpstreamResponse rest,
              ResumePlan plan, int left) {
            relayBody(resumedTicket, resumed, rest, plan, left);
          }

          @Override
          public void failed() {
            abortClient();
          }
        });
      } else {
        log.info("{} {} body from {} broke after {} bytes ({}); resetting the client", ex.requestId(), ex.site.name(),
            call.target().describe(), relayed, cause);
        abortClient();
      }
    });
  }

  /**
   * Where a broken body could continue: empty for anything but a GET of a whole-or-ranged object
   * with a strong ETag, or when the client's signature covers Range (it cannot carry another one).
   */
  private Optional<ResumePlan> resumable(ResumePlan plan, UpstreamResponse response) {
    if (plan != null) {
      return Optional.of(plan);
    }
    if (ex.in.method() != HttpMethod.GET || ctx.selection().resumeAttempts() <= 0 || ex.signature().signsRange()) {
      return Optional.empty();
    }
    return ResumePlan.forResponse(status, response.headers());
  }

  // ---- endings -------------------------------------------------------------------------------

  private void abortClient() {
    ex.in.response().reset();
    finish(status);
  }

  private void allFailed() {
    if (ex.finished) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    ex.failures.forEach(f -> reasons.add(f.target().describe() + ": " + f.getMessage()));
    reasons.addAll(skipped);
    boolean allTimeouts = !ex.failures.isEmpty()
        && ex.failures.stream().allMatch(f -> f.kind() == FailureKind.FIRST_BYTE_TIMEOUT);
    String detail = String.join("; ", reasons);
    OssError error;
    if (ex.failures.isEmpty()) {
      error = new OssError(503, GatewayErrors.UPSTREAM_UNAVAILABLE, "No upstream is available. " + detail);
    } else if (allTimeouts) {
      error = new OssError(504, GatewayErrors.UPSTREAM_TIMEOUT, "No upstream answered in time. " + detail);
    } else {
      error = new OssError(502, GatewayErrors.UPSTREAM_UNAVAILABLE, "No upstream could serve the request. " + detail);
    }
    log.warn("{} {} {} {} failed on every upstream: {}", ex.requestId(), ex.site.name(), ex.in.method(),
        LogSafe.path(ex.target.uri()), detail);
    OssError sent = error;
    GatewayErrors.reply(ex.in, error, ex.requestId(), ex.target.host(),
        headers -> ex.policy.onResponseHeaders(ex.client, sent.status(), headers));
    finish(error.status());
  }

  private void finish(int finalStatus) {
    if (ex.finished) {
      return;
    }
    ex.finished = true;
    record(finalStatus);
  }

  private void record(int finalStatus) {
    ctx.metrics().request(ex.site.name(), servedBy, finalStatus, bytesOut, System.nanoTime() - ex.startNanos);
  }

  private void rememberSize(UpstreamResponse response) {
    if (status != 200 || (ex.in.method() != HttpMethod.GET && ex.in.method() != HttpMethod.HEAD)) {
      return;
    }
    // No or no valid Content-Length (-1): nothing to learn; the cache ignores it.
    ctx.sizes().record(ex.site.bucket().value(), ex.path(), ResponseRelay.declaredLength(response),
        response.getHeader(HttpHeaders.ETAG));
  }

  private static void cancelIfOpen(AttemptTicket ticket) {
    if (!ticket.done()) {
      ticket.cancelled();
    }
  }

  private static OutboundRequest withoutExpect(OutboundRequest out) {
    if (!out.expectContinue()) {
      return out;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(out.headers());
    headers.remove(HttpHeaders.EXPECT);
    return new OutboundRequest(out.method(), out.uri(), headers, out.hasBody(), out.chunked(), false);
  }

  static io.ossgate.health.FailureKind healthKind(FailureKind kind) {
    return switch (kind) {
      case CONNECT -> io.ossgate.health.FailureKind.CONNECT;
      case FIRST_BYTE_TIMEOUT -> io.ossgate.health.FailureKind.FIRST_BYTE_TIMEOUT;
      case RESET, CANCELLED -> io.ossgate.health.FailureKind.RESET;
    };
  }

  private static String metricName(FailureKind kind) {
    return switch (kind) {
      case CONNECT -> "connect";
      case FIRST_BYTE_TIMEOUT -> "timeout";
      case RESET, CANCELLED -> "reset";
    };
  }
}
