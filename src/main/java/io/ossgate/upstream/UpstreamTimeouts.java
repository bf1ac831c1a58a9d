package io.ossgate.upstream;

import io.ossgate.config.UpstreamSettings;

/**
 * The per-attempt timeouts in milliseconds, precomputed once from settings. (The connect timeout
 * belongs to the upstream client's options: connections outlive attempts.)
 */
public record UpstreamTimeouts(long firstByteMillis) {

  public static UpstreamTimeouts from(UpstreamSettings settings) {
    return new UpstreamTimeouts(settings.firstByteTimeout().toMillis());
  }
}
