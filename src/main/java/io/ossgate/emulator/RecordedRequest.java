package io.ossgate.emulator;

import io.ossgate.oss.EndpointType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as an endpoint saw it, recorded when its exchange ended.
 *
 * @param endpoint   the endpoint type whose port received it
 * @param method     HTTP method
 * @param host       the Host header as received (may be empty)
 * @param uri        path and query exactly as received
 * @param headers    request headers in arrival order
 * @param bodyBytes  request body bytes received
 * @param bodySha256 lower-case hex SHA-256 of those bytes
 * @param status     response status sent, or 0 when no response headers were sent
 * @param outcome    how the exchange ended
 */
public record RecordedRequest(
    EndpointType endpoint,
    String method,
    String host,
    String uri,
    List<Map.Entry<String, String>> headers,
    long bodyBytes,
    String bodySha256,
    int status,
    Outcome outcome) {

  /** How an exchange ended. */
  public enum Outcome {
    /** The response was fully written. */
    COMPLETED,
    /** The client closed or reset the connection before the response was complete. */
    CLIENT_CLOSED,
    /** An injected fault ({@link Faults#resetAfterBytes()}) closed the connection mid-body. */
    RESET_BY_FAULT
  }

  public RecordedRequest {
    headers = List.copyOf(headers);
  }

  public boolean completed() {
    return outcome == Outcome.COMPLETED;
  }

  /** The first value of a header, compared case-insensitively. */
  public Optional<String> header(String name) {
    return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
  }

  /** The path part of {@link #uri()}. */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
