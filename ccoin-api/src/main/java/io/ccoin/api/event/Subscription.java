package io.ccoin.api.event;

/**
 * The handle of one listener registration. Thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /**
   * Removes exactly this registration (the same listener registered twice stays registered once).
   * An event being delivered at the time may still reach the listener; none fired later does.
   * Idempotent; does not throw.
   */
  @Override
  void close();
}
