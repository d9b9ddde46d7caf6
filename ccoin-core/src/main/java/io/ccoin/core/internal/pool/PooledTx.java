package io.ccoin.core.internal.pool;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;

/**
 * A pending transaction with what the pool computes once: hash, sender, encoded size, total cost
 * ({@code value + fee}, known not to overflow) and its arrival sequence number.
 */
record PooledTx(Transaction tx, Hash hash, Address sender, int size, long cost, long seq) {
  long nonce() {
    return tx.nonce();
  }

  long fee() {
    return tx.fee();
  }
}
