package io.ossgate.upstream;

/** Why an upstream attempt produced no response headers. */
public enum FailureKind {
  /** TCP/TLS connect failed or was refused: nothing was sent. */
  CONNECT,
  /** No response headers within {@code first-byte-timeout} after the request was sent. */
  FIRST_BYTE_TIMEOUT,
  /** The connection broke (reset, closed, idle timeout) before response headers. */
  RESET,
  /** The client went away, or the gateway abandoned the attempt. Not the upstream's fault. */
  CANCELLED
}
