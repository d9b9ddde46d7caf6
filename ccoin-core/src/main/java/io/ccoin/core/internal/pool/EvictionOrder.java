package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.PoolStats;

import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The order in which a full pool gives up transactions: future ones (behind a nonce gap) before
 * ready ones; within each, the lowest fee first, and among equal fees the most recent arrival
 * first, so that a newcomer must outbid, not merely match, what it displaces. Also keeps the ready
 * and future counts and bytes. Not thread-safe.
 */
final class EvictionOrder {
  private static final Comparator<PooledTx> CHEAPEST_FIRST = Comparator.comparingLong(PooledTx::fee)
      .thenComparing(Comparator.comparingLong(PooledTx::seq).reversed());

  private final TreeSet<PooledTx> ready = new TreeSet<>(CHEAPEST_FIRST);
  private final TreeSet<PooledTx> future = new TreeSet<>(CHEAPEST_FIRST);
  /** Which side each transaction is on, found without walking the trees (the pool keeps one instance per transaction). */
  private final Map<PooledTx, Boolean> side = new IdentityHashMap<>();
  private long readyBytes;
  private long futureBytes;

  /** True when {@code a} (ready or not) is evicted before {@code b}. */
  static boolean evictedBefore(PooledTx a, boolean aReady, PooledTx b, boolean bReady) {
    if (aReady != bReady) {
      return !aReady;
    }
    return CHEAPEST_FIRST.compare(a, b) < 0;
  }

  /** Adds {@code tx}, or moves it to the ready or future side. */
  void put(PooledTx tx, boolean isReady) {
    Boolean current = side.get(tx);
    if (current != null && current == isReady) {
      return;
    }
    remove(tx);
    side.put(tx, isReady);
    if (isReady) {
      ready.add(tx);
      readyBytes += tx.size();
    } else {
      future.add(tx);
      futureBytes += tx.size();
    }
  }

  void remove(PooledTx tx) {
    Boolean current = side.remove(tx);
    if (current == null) {
      return;
    }
    if (current) {
      ready.remove(tx);
      readyBytes -= tx.size();
    } else {
      future.remove(tx);
      futureBytes -= tx.size();
    }
  }

  boolean isReady(PooledTx tx) {
    return side.get(tx) == Boolean.TRUE;
  }

  /** Every transaction, first to be evicted first. */
  Iterator<PooledTx> evictionCandidates() {
    Iterator<PooledTx> first = future.iterator();
    Iterator<PooledTx> second = ready.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || second.hasNext();
      }

      @Override
      public PooledTx next() {
        return first.hasNext() ? first.next() : second.next();
      }
    };
  }

  PoolStats stats() {
    return new PoolStats(ready.size(), readyBytes, future.size(), futureBytes);
  }
}
