package io.ccoin.api.event;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import java.util.Locale;
import java.util.Objects;

/**
 * A transaction left the pool, and why (SPEC 8). {@link Reason#INCLUDED} is the one departure that
 * is not a drop: every other reason means the transaction will not be mined unless it is
 * submitted again, and the node reports it as {@code dropped} with that reason. Immutable.
 *
 * @param hash the transaction's hash
 * @param transaction the transaction
 * @param reason why it left the pool
 */
public record TxDroppedEvent(Hash hash, Transaction transaction, Reason reason) {
  /** Why a transaction left the pool. */
  public enum Reason {
    /** A block on the canonical chain included it. Not a drop. */
    INCLUDED,
    /** Another transaction of the same sender with the same nonce is on the canonical chain. */
    NONCE_USED,
    /** Its sender can no longer pay for it after its transactions with lower nonces (new head state). */
    UNAFFORDABLE,
    /** Another transaction with the same sender and nonce and a high enough fee replaced it. */
    REPLACED,
    /** The pool was full and evicted it for a better-paying one, or had no room to take it back after a reorg. */
    EVICTED,
    /** A reorganisation returned it from a dropped block and it failed another check against the new head. */
    INVALID;

    /** The snake_case name the node's HTTP API shows as a dropped transaction's {@code reason}, e.g. {@code nonce_used}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** False only for {@link #INCLUDED}. */
    public boolean isDrop() {
      return this != INCLUDED;
    }
  }

  /**
   * @throws NullPointerException if an argument is null
   */
  public TxDroppedEvent {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(reason, "reason");
  }
}
