package io.ossgate.health;

/**
 * The throwable Resilience4j wants in {@code onError}. Stackless and shared per kind: it only
 * labels the failure, and allocating a stack trace per failed request would be waste.
 */
final class UpstreamFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private UpstreamFailure(String message) {
    super(message, null, false, false);
  }

  private static final UpstreamFailure STATUS = new UpstreamFailure("5xx/429 response");
  private static final UpstreamFailure PROBE = new UpstreamFailure("probe failed");
  private static final UpstreamFailure[] BY_KIND = new UpstreamFailure[FailureKind.values().length];

  static {
    for (FailureKind kind : FailureKind.values()) {
      BY_KIND[kind.ordinal()] = new UpstreamFailure(kind.name());
    }
  }

  static UpstreamFailure status() {
    return STATUS;
  }

  static UpstreamFailure probe() {
    return PROBE;
  }

  static UpstreamFailure of(FailureKind kind) {
    return BY_KIND[kind.ordinal()];
  }
}
