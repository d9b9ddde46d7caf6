package io.ccoin.core.pool;

import io.ccoin.core.internal.pool.TxPool;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import java.util.Objects;

/**
 * A transaction the pool accepted and later dropped (SPEC 8), as {@link TxPool#dropped} remembers
 * it. Immutable.
 *
 * @param transaction the transaction
 * @param hash its hash
 * @param reason why it left the pool; never {@link Reason#INCLUDED}
 * @param droppedAt when, in milliseconds since the epoch on the pool's clock
 */
public record DroppedTx(Transaction transaction, Hash hash, Reason reason, long droppedAt) {
  public DroppedTx {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(reason, "reason");
    if (!reason.isDrop()) {
      throw new IllegalArgumentException("an included transaction is not dropped");
    }
  }
}
