package io.ossgate.health;

/**
 * Why an attempt failed before (or instead of) response headers. Every kind counts against the
 * upstream: it is a transport or timing failure of the path, never a client mistake.
 */
public enum FailureKind {
  /** TCP/TLS connect failed or timed out, or DNS did not resolve. */
  CONNECT,
  /** The connection was reset or closed before response headers arrived. */
  RESET,
  /** The request was sent but no response headers came within the first-byte timeout. */
  FIRST_BYTE_TIMEOUT,
  /** The upstream answered with something that is not HTTP (protocol error). */
  PROTOCOL,
  /** The response body stopped mid-way (reset, idle timeout) after headers were recorded. */
  BODY_BROKEN
}
