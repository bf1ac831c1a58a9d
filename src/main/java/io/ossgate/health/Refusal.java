package io.ossgate.health;

/** Why {@link UpstreamHealth#begin()} did not permit an attempt. */
public enum Refusal {
  /** The breaker is open (or half-open with no permit left). */
  BREAKER_OPEN,
  /** The breaker is half-open and probes, not client requests, test it. */
  PROBING,
  /** The upstream is ineligible for this bucket (see {@link OutcomeClassifier#INELIGIBLE_CODES}). */
  INELIGIBLE
}
