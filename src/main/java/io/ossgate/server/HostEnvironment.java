package io.ossgate.server;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the gateway reads from the machine it runs on besides its configuration: the environment
 * variables (credentials) and the wall clock (credential expiry). Tests pass their own, so they
 * never depend on or change the real environment.
 */
public record HostEnvironment(Map<String, String> env, Clock clock) {

  public HostEnvironment {
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(clock, "clock");
  }

  public static HostEnvironment system() {
    return new HostEnvironment(System.getenv(), Clock.systemUTC());
  }

  public static HostEnvironment of(Map<String, String> env) {
    return new HostEnvironment(env, Clock.systemUTC());
  }

  @Override
  public String toString() {
    // Never the values: the environment holds secrets.
    return "HostEnvironment[" + env.size() + " variables, " + clock + "]";
  }
}
