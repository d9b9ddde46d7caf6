package io.ccoin.core.internal.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * One sender's pending transactions by nonce, and the account nonce the pool last read for it.
 * Not thread-safe.
 */
final class SenderTxs {
  private final TreeMap<Long, PooledTx> byNonce = new TreeMap<>();
  private long accountNonce;
  /** The summed cost of every transaction here, exact while {@link #totalExact} (it can only overflow with absurd values). */
  private long totalCost;
  private boolean totalExact = true;

  SenderTxs(long accountNonce) {
    this.accountNonce = accountNonce;
  }

  long accountNonce() {
    return accountNonce;
  }

  void accountNonce(long nonce) {
    this.accountNonce = nonce;
  }

  /** The transaction with this nonce, or null. */
  PooledTx get(long nonce) {
    return byNonce.get(nonce);
  }

  void put(PooledTx tx) {
    PooledTx old = byNonce.put(tx.nonce(), tx);
    if (old != null) {
      totalCost -= old.cost();
    }
    addToTotal(tx.cost());
  }

  void remove(PooledTx tx) {
    if (byNonce.remove(tx.nonce(), tx)) {
      totalCost -= tx.cost();
    }
  }

  private void addToTotal(long cost) {
    try {
      totalCost = Math.addExact(totalCost, cost);
    } catch (ArithmeticException e) {
      totalExact = false;
    }
  }

  int size() {
    return byNonce.size();
  }

  boolean isEmpty() {
    return byNonce.isEmpty();
  }

  /** Every transaction, lowest nonce first (a live view). */
  Collection<PooledTx> inNonceOrder() {
    return byNonce.values();
  }

  /** The transactions with nonces from {@code nonce} on, lowest first (a live view). */
  Collection<PooledTx> from(long nonce) {
    return byNonce.tailMap(nonce, true).values();
  }

  /** A copy of the transactions with nonces above {@code nonce}, lowest first. */
  List<PooledTx> above(long nonce) {
    return new ArrayList<>(byNonce.tailMap(nonce, false).values());
  }

  /** The summed cost of the transactions with nonces from {@code from} (inclusive) to {@code to} (exclusive), saturating. */
  long costBetween(long from, long to) {
    if (from >= to || byNonce.isEmpty()) {
      return 0;
    }
    if (totalExact && byNonce.firstKey() >= from && byNonce.lastKey() < to) {
      return totalCost; // every transaction is in the range: the usual case, a sender's next nonce
    }
    long sum = 0;
    for (PooledTx t : byNonce.subMap(from, true, to, false).values()) {
      sum = saturatedAdd(sum, t.cost());
    }
    return sum;
  }

  /** The first nonce from {@code start} on that has no transaction here. */
  long nextNonce(long start) {
    if (byNonce.isEmpty() || byNonce.firstKey() > start) {
      return start;
    }
    long first = byNonce.firstKey();
    long last = byNonce.lastKey();
    if (first == start && last - first + 1 == byNonce.size()) {
      return last + 1; // one run without gaps from start: the usual case
    }
    long next = start;
    for (PooledTx t : byNonce.tailMap(start, true).values()) {
      if (t.nonce() != next) {
        break;
      }
      next++;
    }
    return next;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
