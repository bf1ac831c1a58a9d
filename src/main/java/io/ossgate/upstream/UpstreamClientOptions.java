package io.ossgate.upstream;

/**
 * How the upstream client connects and pools.
 *
 * @param connectTimeoutMillis TCP connect (the TLS handshake follows within the idle timeout)
 * @param idleTimeoutMillis no bytes moving in either direction for this long closes a connection
 * @param keepAliveMillis an idle pooled connection is not used again after this long: shorter
 *     than OSS's own keep-alive, so the gateway never sends on a connection OSS is closing
 * @param maxConnections connections per upstream address and event loop
 * @param maxWaiters requests that may wait for a connection when all are busy, per pool
 * @param maxInitialLineLength longest status line accepted
 * @param maxHeaderSize largest response head accepted
 * @param maxChunkSize largest body chunk handed on at once (larger reads are split)
 */
public record UpstreamClientOptions(int connectTimeoutMillis, long idleTimeoutMillis, long keepAliveMillis, int maxConnections,
    int maxWaiters, int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {

  public UpstreamClientOptions {
    if (connectTimeoutMillis <= 0 || idleTimeoutMillis <= 0 || keepAliveMillis <= 0 || maxConnections <= 0 || maxWaiters < 0
        || maxInitialLineLength <= 0 || maxHeaderSize <= 0 || maxChunkSize <= 0) {
      throw new IllegalArgumentException("upstream client options out of range: " + this);
    }
  }
}
