package io.ccoin.core.internal.pool;

import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Head;
import java.util.List;
import java.util.Objects;

/**
 * A canonical head as {@link TxPool#onNewHead(FollowedHead, java.util.Collection, java.util.function.Predicate)}
 * follows it: the head block's hash, its parent's hash and its transactions, and the account state
 * after it. The pool re-checks only the senders of {@code transactions} when {@code parentHash} is
 * the head it followed last, so {@code state} must be exactly the state after applying this block
 * to its parent's.
 */
public record FollowedHead(Hash hash, Hash parentHash, List<Transaction> transactions, AccountReader state) {
  public FollowedHead {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    transactions = List.copyOf(transactions);
    Objects.requireNonNull(state, "state");
  }

  /** The head of a chain, as the pool follows it. */
  public static FollowedHead of(Head head) {
    Block block = head.block();
    return new FollowedHead(head.hash(), block.header().parentHash(), block.transactions(), head::account);
  }
}
