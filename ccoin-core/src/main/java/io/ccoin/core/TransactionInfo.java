package io.ccoin.core;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.pool.DroppedTx;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction the node knows, with where it stands: in the pool, confirmed in a canonical
 * block with its number of confirmations (head number - block number + 1), or dropped from the
 * pool (within the last hour) with the reason. Immutable.
 */
public final class TransactionInfo {
  /** Where a known transaction stands. */
  public enum Status {
    PENDING,
    CONFIRMED,
    DROPPED
  }

  private final Transaction transaction;
  private final Hash hash;
  private final TxLocation location;
  private final long confirmations;
  private final DroppedTx drop;

  private TransactionInfo(Transaction transaction, Hash hash, TxLocation location, long confirmations, DroppedTx drop) {
    this.transaction = Objects.requireNonNull(transaction);
    this.hash = Objects.requireNonNull(hash);
    this.location = location;
    this.confirmations = confirmations;
    this.drop = drop;
  }

  static TransactionInfo pending(Transaction tx, Hash hash) {
    return new TransactionInfo(tx, hash, null, 0, null);
  }

  static TransactionInfo confirmed(Transaction tx, Hash hash, TxLocation location, long confirmations) {
    return new TransactionInfo(tx, hash, location, confirmations, null);
  }

  static TransactionInfo dropped(DroppedTx drop) {
    return new TransactionInfo(drop.transaction(), drop.hash(), null, 0, drop);
  }

  public Transaction transaction() {
    return transaction;
  }

  public Hash hash() {
    return hash;
  }

  public Status status() {
    return location != null ? Status.CONFIRMED : drop != null ? Status.DROPPED : Status.PENDING;
  }

  /** Why a dropped transaction left the pool. */
  public Optional<Reason> dropReason() {
    return Optional.ofNullable(drop).map(DroppedTx::reason);
  }

  /** When a dropped transaction left the pool, in milliseconds since the epoch. */
  public Optional<Long> droppedAt() {
    return Optional.ofNullable(drop).map(DroppedTx::droppedAt);
  }

  /** The block and index of a confirmed transaction. */
  public Optional<TxLocation> location() {
    return Optional.ofNullable(location);
  }

  /** 0 unless confirmed. */
  public long confirmations() {
    return confirmations;
  }

  @Override
  public String toString() {
    return hash + " " + status() + (location == null ? "" : " in #" + location.blockNumber() + " (" + confirmations + " confirmations)")
        + (drop == null ? "" : " (" + drop.reason().code() + ")");
  }
}
