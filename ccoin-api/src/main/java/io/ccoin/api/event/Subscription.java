package io.ccoin.api.event;

/** The handle of a registered listener; {@link #close()} removes it. Idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
