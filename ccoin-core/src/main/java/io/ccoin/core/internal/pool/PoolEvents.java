package io.ccoin.core.internal.pool;

import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxAddedEvent;
import io.ccoin.api.event.TxAddedListener;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedListener;
import io.ccoin.core.internal.event.Listeners;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's listeners and the events waiting for them. Events are queued while the pool's lock
 * is held, so the queue has the order in which the pool changed. {@link #deliver()}, called after
 * the pool's lock is released, hands them out one at a time in that order; when another thread is
 * already delivering it leaves the events to that thread instead of waiting, so a listener that
 * waits for another thread's pool call cannot deadlock. Thread-safe.
 *
 * <p>Every drop is also logged (logger {@code io.ccoin.core.internal.pool.TxPool}): at INFO when a new head
 * or a reorganisation made the transaction invalid ({@code NONCE_USED}, {@code UNAFFORDABLE},
 * {@code INVALID}), which is rare and worth an operator's eye; at DEBUG when it was replaced or
 * evicted, which its submitter caused or a busy pool does many times a second.
 */
final class PoolEvents {
  private static final Logger LOG = LoggerFactory.getLogger(TxPool.class);
  private final Listeners<TxAddedEvent> added = new Listeners<>("tx-added");
  private final Listeners<TxDroppedEvent> dropped = new Listeners<>("tx-dropped");
  private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock delivering = new ReentrantLock();

  Subscription onAdded(Executor executor, TxAddedListener listener) {
    return added.add(executor, listener::onTxAdded);
  }

  Subscription onAdded(TxAddedListener listener) {
    return added.add(listener::onTxAdded);
  }

  Subscription onDropped(Executor executor, TxDroppedListener listener) {
    return dropped.add(executor, listener::onTxDropped);
  }

  Subscription onDropped(TxDroppedListener listener) {
    return dropped.add(listener::onTxDropped);
  }

  /** Queues a TxAdded event. */
  void added(PooledTx tx) {
    pending.add(new TxAddedEvent(tx.hash(), tx.tx()));
  }

  /** Queues a TxDropped event and logs a drop. */
  void dropped(PooledTx tx, TxDroppedEvent.Reason reason) {
    switch (reason) {
      case INCLUDED -> { }
      case REPLACED, EVICTED -> LOG.debug("dropped transaction {} (sender {}, nonce {}): {}", tx.hash(), tx.sender(), tx.nonce(),
          reason.code());
      default -> LOG.info("dropped transaction {} (sender {}, nonce {}): {}", tx.hash(), tx.sender(), tx.nonce(), reason.code());
    }
    pending.add(new TxDroppedEvent(tx.hash(), tx.tx(), reason));
  }

  /**
   * Delivers every queued event, oldest first, unless another thread is delivering: that thread
   * then delivers them before it stops. Call without holding the pool's lock.
   */
  void deliver() {
    // Re-checking after unlock closes the gap between another thread's last poll and its unlock.
    while (!pending.isEmpty() && delivering.tryLock()) {
      try {
        for (Object e = pending.poll(); e != null; e = pending.poll()) {
          if (e instanceof TxAddedEvent a) {
            added.fire(a);
          } else {
            dropped.fire((TxDroppedEvent) e);
          }
        }
      } finally {
        delivering.unlock();
      }
    }
  }
}
