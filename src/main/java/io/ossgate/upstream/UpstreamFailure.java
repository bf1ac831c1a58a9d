package io.ossgate.upstream;

/**
 * An attempt that ended without response headers. Stackless: these are expected outcomes and are
 * reported per upstream in the client's error message, not debugged from stack traces.
 */
public final class UpstreamFailure extends RuntimeException {

  private final UpstreamTarget target;
  private final FailureKind kind;

  public UpstreamFailure(UpstreamTarget target, FailureKind kind, String detail) {
    super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail, null, false, false);
    this.target = target;
    this.kind = kind;
  }

  public UpstreamTarget target() {
    return target;
  }

  public FailureKind kind() {
    return kind;
  }

}
