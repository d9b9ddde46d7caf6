package io.ccoin.core;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction the node knows, with where it stands: in the pool, or confirmed in a canonical
 * block with its number of confirmations (head number - block number + 1).
 */
public final class TransactionInfo {
  /** Where a known transaction stands. */
  public enum Status {
    PENDING,
    CONFIRMED
  }

  private final Transaction transaction;
  private final Hash hash;
  private final TxLocation location;
  private final long confirmations;

  private TransactionInfo(Transaction transaction, Hash hash, TxLocation location, long confirmations) {
    this.transaction = Objects.requireNonNull(transaction);
    this.hash = Objects.requireNonNull(hash);
    this.location = location;
    this.confirmations = confirmations;
  }

  static TransactionInfo pending(Transaction tx, Hash hash) {
    return new TransactionInfo(tx, hash, null, 0);
  }

  static TransactionInfo confirmed(Transaction tx, Hash hash, TxLocation location, long confirmations) {
    return new TransactionInfo(tx, hash, location, confirmations);
  }

  public Transaction transaction() {
    return transaction;
  }

  public Hash hash() {
    return hash;
  }

  public Status status() {
    return location == null ? Status.PENDING : Status.CONFIRMED;
  }

  /** The block and index of a confirmed transaction. */
  public Optional<TxLocation> location() {
    return Optional.ofNullable(location);
  }

  /** 0 while pending. */
  public long confirmations() {
    return confirmations;
  }

  @Override
  public String toString() {
    return hash + " " + status() + (location == null ? "" : " in #" + location.blockNumber() + " (" + confirmations + " confirmations)");
  }
}
