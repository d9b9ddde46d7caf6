package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.PoolStats;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the pool holds, indexed by hash, by sender and nonce, and in eviction order, with each
 * transaction marked ready or future. Not thread-safe: {@link TxPool} guards it with its lock.
 */
final class PoolContents {
  private final Map<Hash, PooledTx> byHash = new HashMap<>();
  private final Map<Address, SenderTxs> bySender = new HashMap<>();
  private final EvictionOrder order = new EvictionOrder();
  /** The count and bytes, also published for readers without the pool's lock ({@link #publishedSize}). */
  private volatile long bytes;
  private volatile int publishedSize;

  PooledTx get(Hash hash) {
    return byHash.get(hash);
  }

  boolean contains(Hash hash) {
    return byHash.containsKey(hash);
  }

  int size() {
    return byHash.size();
  }

  long bytes() {
    return bytes;
  }

  /**
   * The number of transactions, readable without the pool's lock: as of the last insert or remove
   * another thread finished, so possibly a moment stale.
   */
  int publishedSize() {
    return publishedSize;
  }

  /** The sender's transactions, or null when it has none. */
  SenderTxs sender(Address sender) {
    return bySender.get(sender);
  }

  /** A copy of the senders with transactions. */
  List<Address> senders() {
    return new ArrayList<>(bySender.keySet());
  }

  /** Adds {@code tx}, whose sender's account nonce is {@code accountNonce}, and updates the readiness of the sender's transactions. */
  void insert(PooledTx tx, long accountNonce) {
    byHash.put(tx.hash(), tx);
    bytes += tx.size();
    publishedSize = byHash.size();
    SenderTxs txs = bySender.computeIfAbsent(tx.sender(), a -> new SenderTxs(accountNonce));
    boolean sameBase = txs.accountNonce() == accountNonce && tx.nonce() >= accountNonce;
    txs.accountNonce(accountNonce);
    txs.put(tx);
    order.put(tx, false);
    if (sameBase) {
      refreshFrom(txs, tx.nonce());
    } else {
      refresh(tx.sender());
    }
  }

  /**
   * As {@link #refresh}, for a sender whose transactions below {@code nonce} did not change (an
   * insert at {@code nonce}): only that nonce and those above it can change side, so a transaction
   * appended to a sender's run costs O(1) instead of a walk over all of the sender's.
   */
  private void refreshFrom(SenderTxs txs, long nonce) {
    long expected;
    if (nonce == txs.accountNonce()) {
      expected = nonce;
    } else {
      PooledTx previous = txs.get(nonce - 1);
      expected = previous != null && order.isReady(previous) ? nonce : -1;
    }
    for (PooledTx t : txs.from(nonce)) {
      boolean ready = t.nonce() == expected;
      if (ready) {
        expected++;
      }
      order.put(t, ready);
    }
  }

  /** Removes {@code tx}, without updating the readiness of the sender's other transactions. */
  void remove(PooledTx tx) {
    if (byHash.remove(tx.hash()) == null) {
      return;
    }
    bytes -= tx.size();
    publishedSize = byHash.size();
    order.remove(tx);
    SenderTxs txs = bySender.get(tx.sender());
    txs.remove(tx);
    if (txs.isEmpty()) {
      bySender.remove(tx.sender());
    }
  }

  /**
   * Marks the sender's transactions ready when their nonces run contiguously from its account
   * nonce, the others future.
   */
  void refresh(Address sender) {
    SenderTxs txs = bySender.get(sender);
    if (txs == null) {
      return;
    }
    long expected = txs.accountNonce();
    for (PooledTx tx : txs.inNonceOrder()) {
      boolean ready = tx.nonce() == expected;
      if (ready) {
        expected++;
      }
      order.put(tx, ready);
    }
  }

  boolean isReady(PooledTx tx) {
    return order.isReady(tx);
  }

  /** Every transaction, first to be evicted first; do not change the contents while iterating. */
  Iterator<PooledTx> evictionCandidates() {
    return order.evictionCandidates();
  }

  PoolStats stats() {
    return order.stats();
  }
}
