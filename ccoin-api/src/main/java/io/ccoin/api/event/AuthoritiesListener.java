package io.ccoin.api.event;

/**
 * Receives {@link AuthoritiesChangedEvent}s. Listeners must be fast and must not throw: one that
 * throws is logged and stays registered. Run slow work on the {@link java.util.concurrent.Executor}
 * given at registration.
 */
@FunctionalInterface
public interface AuthoritiesListener {
  /**
   * Called once per change of the set after the canonical head, after that head's new-head event.
   *
   * @param event the change
   */
  void onAuthoritiesChanged(AuthoritiesChangedEvent event);
}
