package io.ccoin.api.event;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import java.util.Objects;

/**
 * A transaction entered the pool (submitted locally, received from a peer, or re-admitted after a
 * reorg). Immutable.
 *
 * @param hash the transaction's hash
 * @param transaction the transaction
 */
public record TxAddedEvent(Hash hash, Transaction transaction) {
  /**
   * @throws NullPointerException if an argument is null
   */
  public TxAddedEvent {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(transaction, "transaction");
  }
}
