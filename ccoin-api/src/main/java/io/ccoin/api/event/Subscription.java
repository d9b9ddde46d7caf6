package io.ccoin.api.event;

/**
 * The handle of one listener registration. Thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /**
   * Removes exactly this registration (the same listener registered twice stays registered once).
   * Events fired before the close may still reach the listener (with an executor, those still
   * queued on it); none fired after it returns does.
   * Idempotent; does not throw.
   */
  @Override
  void close();
}
