package io.ossgate.proxy;

/** What of a request may be logged: never the query, which can carry signatures and STS tokens. */
final class LogSafe {
  private LogSafe() {}

  static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q) + "?…";
  }
}
