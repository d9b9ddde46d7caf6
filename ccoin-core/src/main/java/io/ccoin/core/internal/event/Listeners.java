package io.ccoin.core.internal.event;

import io.ccoin.api.event.Subscription;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry of listeners of one event type. Each listener runs on the executor it was registered
 * with (the firing thread when none was given); one that throws is logged and stays registered.
 * Registration returns a {@link Subscription} whose {@code close()} removes exactly that
 * registration, so the same listener may be registered twice. Thread-safe.
 *
 * @param <E> the event type
 */
public final class Listeners<E> {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final Executor DIRECT = Runnable::run;

  private final String name;
  private final CopyOnWriteArrayList<Registration<E>> registrations = new CopyOnWriteArrayList<>();

  /** @param name the event name, for logs */
  public Listeners(String name) {
    this.name = name;
  }

  private record Registration<E>(Consumer<E> listener, Executor executor) {}

  /** Registers {@code listener} to run on {@code executor}. */
  public Subscription add(Executor executor, Consumer<E> listener) {
    Registration<E> r = new Registration<>(Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(executor, "executor"));
    registrations.add(r);
    return () -> registrations.remove(r);
  }

  /** Registers {@code listener} to run on the thread that fires the event. */
  public Subscription add(Consumer<E> listener) {
    return add(DIRECT, listener);
  }

  /** Delivers {@code event} to every listener. Never throws. */
  public void fire(E event) {
    for (Registration<E> r : registrations) {
      try {
        r.executor().execute(() -> deliver(r, event));
      } catch (RejectedExecutionException e) {
        LOG.warn("{} listener's executor rejected an event: {}", name, e.toString());
      }
    }
  }

  private void deliver(Registration<E> r, E event) {
    try {
      r.listener().accept(event);
    } catch (RuntimeException e) {
      LOG.warn("{} listener threw; it stays registered", name, e);
    }
  }

  /** The number of registrations. */
  public int size() {
    return registrations.size();
  }
}
