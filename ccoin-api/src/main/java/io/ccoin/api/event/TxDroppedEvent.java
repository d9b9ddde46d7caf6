package io.ccoin.api.event;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import java.util.Objects;

/** A transaction left the pool, and why. */
public record TxDroppedEvent(Hash hash, Transaction transaction, Reason reason) {
  /** Why a transaction left the pool. */
  public enum Reason {
    /** A block on the canonical chain included it. */
    INCLUDED,
    /** It became invalid (nonce used, balance gone). */
    INVALID,
    /** Another transaction with the same sender and nonce and a high enough fee replaced it. */
    REPLACED,
    /** The pool was full and evicted it. */
    EVICTED
  }

  public TxDroppedEvent {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(reason, "reason");
  }
}
