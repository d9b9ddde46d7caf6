package io.ccoin.core.internal.pool;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks the transactions of a block (SPEC 7, block production): only transactions that can run
 * now against the given state (nonces contiguous from the account nonce, each affordable after the
 * sender's earlier ones), highest fee first across senders, in nonce order within a sender, within
 * a count and an encoded-byte budget. A sender whose next transaction does not fit the byte budget
 * contributes nothing more, since its later transactions depend on that one. Stateless.
 */
final class BlockSelection {
  /** Highest fee first, then earliest arrival. */
  private static final Comparator<Head> BEST_FIRST = Comparator.comparingLong((Head h) -> h.tx().fee()).reversed()
      .thenComparingLong(h -> h.tx().seq());

  private BlockSelection() {}

  /** A sender's next includable transaction and the balance left before it. */
  private record Head(PooledTx tx, SenderTxs sender, long balance) {}

  static List<Transaction> select(PoolContents contents, int maxCount, long maxBytes, AccountReader state) {
    if (maxCount < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("maxCount and maxBytes must not be negative: " + maxCount + ", " + maxBytes);
    }
    PriorityQueue<Head> heads = new PriorityQueue<>(BEST_FIRST);
    for (Address sender : contents.senders()) {
      Account account = state.account(sender);
      SenderTxs txs = contents.sender(sender);
      offer(heads, txs, txs.get(account.nonce()), account.balance());
    }
    List<Transaction> out = new ArrayList<>();
    long bytes = 0;
    while (out.size() < maxCount && !heads.isEmpty()) {
      Head h = heads.poll();
      if (h.tx().size() > maxBytes - bytes) {
        continue;
      }
      out.add(h.tx().tx());
      bytes += h.tx().size();
      long left = h.balance() - h.tx().cost();
      if (h.tx().nonce() < Long.MAX_VALUE) {
        offer(heads, h.sender(), h.sender().get(h.tx().nonce() + 1), left);
      }
    }
    return out;
  }

  private static void offer(PriorityQueue<Head> heads, SenderTxs sender, PooledTx next, long balance) {
    if (next != null && next.cost() <= balance) {
      heads.add(new Head(next, sender, balance));
    }
  }
}
