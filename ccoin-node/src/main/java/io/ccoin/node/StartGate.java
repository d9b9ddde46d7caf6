package io.ccoin.node;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens once, when a condition holds or a grace period has passed, whichever comes first; used to
 * hold a validator's block production back until its network is up (see {@link NodeRunner}).
 * {@link #poll()} is called periodically; the action runs at most once, with {@code true} when the
 * condition held and {@code false} when the grace ran out. Thread-safe.
 */
final class StartGate {
  private final BooleanSupplier condition;
  private final Clock clock;
  private final long deadlineMs;
  private final Consumer<Boolean> action;
  private boolean open;

  StartGate(BooleanSupplier condition, Clock clock, Duration grace, Consumer<Boolean> action) {
    this.condition = condition;
    this.clock = clock;
    this.deadlineMs = clock.millis() + grace.toMillis();
    this.action = action;
  }

  /** Checks the condition and the time; returns true once the gate is open. */
  synchronized boolean poll() {
    if (open) {
      return true;
    }
    boolean ready = condition.getAsBoolean();
    if (ready || clock.millis() >= deadlineMs) {
      open = true;
      action.accept(ready);
    }
    return open;
  }

  synchronized boolean isOpen() {
    return open;
  }
}
