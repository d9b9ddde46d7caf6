package io.ccoin.api.event;

/**
 * Receives {@link AuthoritiesChangedEvent}s. Listeners must be fast and must not throw: one that
 * throws is logged and stays registered. Run slow work on the {@link java.util.concurrent.Executor}
 * given at registration.
 */
@FunctionalInterface
public interface AuthoritiesListener {
  void onAuthoritiesChanged(AuthoritiesChangedEvent event);
}
