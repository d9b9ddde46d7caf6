package io.ccoin.api.event;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import java.util.Objects;

/** A transaction entered the pool. */
public record TxAddedEvent(Hash hash, Transaction transaction) {
  public TxAddedEvent {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(transaction, "transaction");
  }
}
