package io.ossgate.health;

/** What a response (status + OSS error code) says about the upstream that produced it. */
public enum Outcome {
  /** 2xx/3xx: the endpoint served the request. */
  SUCCESS,
  /** 5xx, 429 or a transport failure: the endpoint is unwell or overloaded (transient). */
  FAILURE,
  /**
   * 403/404/412/416 and other 4xx: a statement about the request or the object, not the
   * endpoint. OSS still answered, so for the breaker it counts like a success (see
   * {@link OutcomeClassifier}).
   */
  NEUTRAL,
  /** An OSS code saying this endpoint type cannot serve this bucket, for a long while. */
  INELIGIBLE;

  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  /** The name in lower case, as metrics tag it (made once: it is asked for on every attempt). */
  public String label() {
    return label;
  }
}
