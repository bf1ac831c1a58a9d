package io.ossgate.config;

/** {@code sites[].preview}: what to do about OSS's forced download on default domains. */
public enum PreviewMode {
  /** Remove {@code x-oss-force-download} and the attachment disposition it brings. */
  INLINE,
  /** Relay OSS's headers as they are. */
  PASSTHROUGH
}
