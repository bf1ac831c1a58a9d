package io.ossgate.upstream;

import io.ossgate.config.UpstreamSettings;

/** The per-attempt timeouts in milliseconds, precomputed once from settings. */
public record UpstreamTimeouts(long connectMillis, long firstByteMillis) {

  public static UpstreamTimeouts from(UpstreamSettings settings) {
    return new UpstreamTimeouts(settings.connectTimeout().toMillis(), settings.firstByteTimeout().toMillis());
  }
}
