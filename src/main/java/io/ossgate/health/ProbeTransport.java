package io.ossgate.health;

import io.ossgate.site.Upstream;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Sends one cheap request (HEAD or GET on the bucket domain) to an upstream. Implemented by the
 * upstream layer with Vert.x. Must complete within about {@code timeout}: exceptionally on
 * connect failure, reset or timeout; normally with whatever HTTP answer came back.
 */
@FunctionalInterface
public interface ProbeTransport {
  CompletionStage<ProbeResponse> send(Upstream upstream, Duration timeout);
}
