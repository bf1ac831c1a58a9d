package io.ossgate.emulator;

import io.ossgate.oss.EndpointType;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The faults of one endpoint, changeable at runtime from any thread. A change applies to requests
 * that arrive afterwards; an exchange keeps the faults it started with. Changing
 * {@code refuseConnections} closes (dropping open connections) or reopens the listening socket on
 * the same port; the returned future completes once that is done.
 */
public final class FaultControl {

  private final EndpointType type;
  private final AtomicReference<Faults> current;
  private final AtomicLong requestCounter = new AtomicLong();
  private final Function<Faults, Future<Void>> onChange;

  FaultControl(EndpointType type, Faults initial, Function<Faults, Future<Void>> onChange) {
    this.type = type;
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    this.onChange = onChange;
  }

  public EndpointType type() {
    return type;
  }

  public Faults get() {
    return current.get();
  }

  public Future<Void> set(Faults faults) {
    Objects.requireNonNull(faults, "faults");
    current.set(faults);
    return onChange.apply(faults);
  }

  public Future<Void> update(UnaryOperator<Faults> change) {
    return onChange.apply(current.updateAndGet(change));
  }

  public Future<Void> clear() {
    return set(Faults.none());
  }

  /**
   * Whether the next request should get an injected error. Deterministic: with p% the n-th request
   * fails when floor(n·p/100) steps up, so any 100 consecutive requests hold exactly p failures.
   */
  boolean nextIsError(Faults faults) {
    int p = faults.errorRatePercent();
    if (p <= 0) {
      return false;
    }
    long n = requestCounter.getAndIncrement();
    return (n + 1) * p / 100 > n * p / 100;
  }
}
