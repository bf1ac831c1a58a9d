package io.ossgate.upstream;

import io.ossgate.health.ProbeResponse;
import io.ossgate.oss.OssErrorParser;
import io.ossgate.health.ProbeTransport;
import io.ossgate.site.Upstream;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Active probes over the real path: an anonymous {@code HEAD} of a key that does not exist on the
 * bucket domain. Any OSS answer with {@code x-oss-request-id} (404 NoSuchKey, 403 AccessDenied)
 * proves DNS, TCP, TLS and OSS all work, costs no body, and needs no credentials.
 */
public final class VertxProbeTransport implements ProbeTransport {

  /** The probed key; a HEAD of it never changes anything. */
  public static final String PROBE_PATH = "/.ossgate-probe";

  private final HttpClient client;
  private final Map<Upstream, UpstreamTarget> targets;

  public VertxProbeTransport(HttpClient client, Map<Upstream, UpstreamTarget> targets) {
    this.client = client;
    this.targets = Map.copyOf(targets);
  }

  @Override
  public CompletionStage<ProbeResponse> send(Upstream upstream, Duration timeout) {
    UpstreamTarget target = targets.get(upstream);
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.HEAD)
        .setURI(PROBE_PATH)
        .setServer(target.server())
        .setHost(target.hostHeader())
        .setPort(target.hostHeaderPort())
        .setSsl(target.ssl())
        .setConnectTimeout(timeout.toMillis())
        .setTimeout(timeout.toMillis());
    Future<ProbeResponse> answer = client.request(options)
        .compose(req -> {
          req.putHeader("User-Agent", "ossgate-probe");
          return req.send();
        })
        .compose(resp -> resp.end().map(v -> toProbeResponse(resp)));
    return answer.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).toCompletionStage();
  }

  private static ProbeResponse toProbeResponse(HttpClientResponse resp) {
    return new ProbeResponse(resp.statusCode(), resp.getHeader("x-oss-request-id"),
        OssErrorParser.codeFromErrHeader(resp.getHeader("x-oss-err")));
  }
}
