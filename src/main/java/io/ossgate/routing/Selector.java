package io.ossgate.routing;

import io.ossgate.health.HealthSnapshot;
import io.ossgate.site.Site;
import io.ossgate.site.Upstream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stateful half of selection for one site (Armeria strategy → selector, Vert.x LoadBalancer
 * → ServerSelector): it remembers the current choice and feeds it to the pure policy as the
 * incumbent, so near-equal upstreams don't flap.
 *
 * <p>Small and large requests keep separate choices: for a 1 GB object the accelerate endpoint
 * may win while small objects stay internal, and one must not keep displacing the other's
 * incumbent. {@link #current()} reports the small-request choice (the common case).
 * Thread-safe: two atomic references; a race between two requests costs at most one extra
 * switch.
 */
public final class Selector {

  /** From this expected size on, a request counts as large. */
  public static final long LARGE_BYTES = 8L * 1024 * 1024;

  private final Site site;
  private final UpstreamPolicy policy;
  private final int hysteresisPercent;
  private final AtomicReference<Upstream> small = new AtomicReference<>();
  private final AtomicReference<Upstream> large = new AtomicReference<>();

  public Selector(Site site, UpstreamPolicy policy, int hysteresisPercent) {
    this.site = Objects.requireNonNull(site, "site");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.hysteresisPercent = Math.min(99, Math.max(0, hysteresisPercent));
  }

  /** Ranks the upstreams for one request and updates the current choice. */
  public List<Upstream> select(HealthSnapshot health, RequestHints hints) {
    AtomicReference<Upstream> slot = hints.expectedBytes().orElse(0) >= LARGE_BYTES ? large : small;
    Upstream incumbent = slot.get();
    if (incumbent != null && !health.view(incumbent).usable()) {
      incumbent = null;   // an open or ineligible choice deserves no loyalty
    }
    List<Upstream> ranked = policy.rank(site, health,
        hints, new Stickiness(Optional.ofNullable(incumbent), hysteresisPercent));
    if (!ranked.isEmpty() && health.view(ranked.get(0)).usable()) {
      slot.set(ranked.get(0));
    }
    return ranked;
  }

  /** The upstream small requests currently go to; empty before the first request. */
  public Optional<Upstream> current() {
    return Optional.ofNullable(small.get());
  }

  /** The upstream large requests currently go to; empty before the first large request. */
  public Optional<Upstream> currentLarge() {
    return Optional.ofNullable(large.get());
  }
}
