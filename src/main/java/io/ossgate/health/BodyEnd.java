package io.ossgate.health;

/** How a response body ended, as seen by the proxy. */
public enum BodyEnd {
  /** The whole body arrived (also for HEAD and other bodiless responses, with 0 bytes). */
  COMPLETE,
  /** The upstream cut the body (reset, idle timeout): a health signal against the upstream. */
  UPSTREAM_BROKEN,
  /** The client went away: says nothing about the upstream. */
  DOWNSTREAM_GONE
}
