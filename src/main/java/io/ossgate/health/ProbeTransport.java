package io.ossgate.health;

import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Sends one cheap request (HEAD or GET on the bucket domain) to an upstream. Implemented by the
 * upstream layer with Vert.x. Must complete within about {@code timeout}: exceptionally on
 * connect failure, reset or timeout; normally with whatever HTTP answer came back.
 */
public interface ProbeTransport {
  CompletionStage<ProbeResponse> send(Upstream upstream, Duration timeout);

  /**
   * An unmeasured probe before the first measured round, so that round does not measure cold
   * connections and code. Completes when done, whatever the probe met. A transport that sends
   * from several places (event loops) warms each of them.
   */
  default CompletionStage<Void> warmUp(Upstream upstream, Duration timeout) {
    return send(upstream, timeout).handle((response, error) -> null);
  }
}
