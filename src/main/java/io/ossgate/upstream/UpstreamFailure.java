package io.ossgate.upstream;

/**
 * An attempt that ended without response headers. Stackless: these are expected outcomes and are
 * reported per upstream in the client's error message, not debugged from stack traces.
 *
 * @param bodyStarted true once any request-body byte was handed to the upstream connection; a
 *     request whose body was (partly) sent may only be repeated if it is safe and replayable
 */
public final class UpstreamFailure extends RuntimeException {

  private final UpstreamTarget target;
  private final FailureKind kind;
  private final boolean bodyStarted;

  public UpstreamFailure(UpstreamTarget target, FailureKind kind, boolean bodyStarted, String detail) {
    super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail, null, false, false);
    this.target = target;
    this.kind = kind;
    this.bodyStarted = bodyStarted;
  }

  public UpstreamTarget target() {
    return target;
  }

  public FailureKind kind() {
    return kind;
  }

  public boolean bodyStarted() {
    return bodyStarted;
  }
}
