package io.ccoin.core.pool;

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
    byNonce.put(tx.nonce(), tx);
  }

  void remove(PooledTx tx) {
    byNonce.remove(tx.nonce(), tx);
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
    long sum = 0;
    if (from < to) {
      for (PooledTx t : byNonce.subMap(from, true, to, false).values()) {
        sum = saturatedAdd(sum, t.cost());
      }
    }
    return sum;
  }

  /** The first nonce from {@code start} on that has no transaction here. */
  long nextNonce(long start) {
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
