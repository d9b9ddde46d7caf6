package io.ccoin.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for something to happen: bounded polling with a deadline. A condition is
 * checked at once and then after pauses growing from 1 ms to 50 ms, so a quick event is seen quickly
 * and a slow one costs little; the loop ends at the deadline and after a bounded number of checks.
 * For "nothing happens" use a latch, an injected clock or virtual time instead: a wait cannot show
 * that something will not happen. A costly condition can ask for longer pauses (up to a bound it
 * gives). In the ccoin-core test-jar, for every module's tests. Thread-safe.
 */
public final class Await {
  /** How long {@link #until(String, BooleanSupplier)} and {@link #value(String, Supplier)} wait. */
  public static final Duration DEFAULT = Duration.ofSeconds(20);

  private static final long FIRST_PAUSE_MS = 1;
  private static final long LONGEST_PAUSE_MS = 50;

  private Await() {}

  /** Waits up to {@link #DEFAULT} until {@code condition} holds; fails the test naming {@code what}. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT, condition);
  }

  /** Waits up to {@code timeout} until {@code condition} holds; fails the test naming {@code what}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    if (!within(timeout, condition)) {
      throw new AssertionError("not within " + describe(timeout) + ": " + what);
    }
  }

  /** Waits up to {@link #DEFAULT} for {@code get} to give a non-null value and returns it. */
  public static <T> T value(String what, Supplier<T> get) {
    return value(what, DEFAULT, get);
  }

  /** Waits up to {@code timeout} for {@code get} to give a non-null value and returns it. */
  public static <T> T value(String what, Duration timeout, Supplier<T> get) {
    Object[] seen = new Object[1];
    until(what, timeout, () -> (seen[0] = get.get()) != null);
    @SuppressWarnings("unchecked")
    T value = (T) seen[0];
    return value;
  }

  /**
   * Waits up to {@code timeout} until {@code condition} holds and says whether it did, for callers
   * that decide themselves what a timeout means. An interrupt ends the wait with false (the
   * interrupt flag set again).
   */
  public static boolean within(Duration timeout, BooleanSupplier condition) {
    return within(timeout, Duration.ofMillis(LONGEST_PAUSE_MS), condition);
  }

  /**
   * As {@link #within(Duration, BooleanSupplier)}, with pauses growing up to {@code longestPause}
   * (at least 1 ms) instead of 50 ms: for a condition that costs much to check (e.g. requests to
   * every node of a network), so that waiting does not become load.
   */
  public static boolean within(Duration timeout, Duration longestPause, BooleanSupplier condition) {
    long longest = Math.max(FIRST_PAUSE_MS, longestPause.toMillis());
    long deadline = System.nanoTime() + timeout.toNanos();
    long maxChecks = timeout.toMillis() / FIRST_PAUSE_MS + 2;
    long pause = FIRST_PAUSE_MS;
    for (long check = 0; check < maxChecks; check++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pause = Math.min(longest, pause * 2);
    }
    return condition.getAsBoolean();
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
