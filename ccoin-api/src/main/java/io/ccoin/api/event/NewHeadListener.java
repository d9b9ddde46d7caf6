package io.ccoin.api.event;

/**
 * Receives {@link NewHeadEvent}s. Listeners must be fast and must not throw: one that throws is logged
 * and stays registered. Without an executor a listener runs on the thread that caused the event
 * (an import or a submission), after the chain's lock is released; register it with a
 * {@link java.util.concurrent.Executor} to run slow work elsewhere. A listener may be called from
 * several threads, and, with a multi-threaded executor, for two events at once.
 */
@FunctionalInterface
public interface NewHeadListener {
  /** Called once per event, for every registration. */
  void onNewHead(NewHeadEvent event);
}
