package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.pool.PoolError;
import io.ccoin.core.pool.ReplacementFee;

import io.ccoin.api.Account;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The stateful admission rules of SPEC 8 for a transaction whose stateless checks passed: nonce
 * window (at admission only: {@link TxPool} never drops a pending transaction for it), affordability in nonce order, replacement fee, per-sender bound, and room in the pool.
 * It only decides; {@link TxPool} carries the decision out. Stateless apart from its config.
 */
final class Admission {
  private final PoolConfig config;

  Admission(PoolConfig config) {
    this.config = config;
  }

  /** What admission decided. */
  sealed interface Decision permits Accept, Reject {}

  /** Refuse the transaction. */
  record Reject(PoolError error, String message) implements Decision {}

  /**
   * Admit {@code incoming}, removing {@code replaced} (null when it replaces nothing), the
   * sender's later transactions it leaves unaffordable, and {@code evicted} to make room.
   */
  record Accept(PooledTx incoming, PooledTx replaced, List<PooledTx> invalidated, List<PooledTx> evicted) implements Decision {}

  /**
   * Decides on {@code incoming} given the pool's contents and the sender's account at the head.
   * {@code windowApplies} is false for a transaction a reorganisation returned from a dropped
   * block: it was on a chain, so the nonce window (an admission rule against spam) does not hold it back.
   */
  Decision decide(PoolContents contents, PooledTx incoming, Account account, boolean windowApplies) {
    long base = account.nonce();
    long nonce = incoming.nonce();
    if (nonce < base) {
      return new Reject(PoolError.NONCE_TOO_LOW, "nonce " + nonce + " is used: the sender's account nonce is " + base);
    }
    if (windowApplies && nonce - base >= config.maxNonceGap()) {
      return new Reject(PoolError.NONCE_TOO_FAR, "nonce " + nonce + " is " + config.maxNonceGap()
          + " or more ahead of the sender's account nonce " + base);
    }
    SenderTxs txs = contents.sender(incoming.sender());
    PooledTx old = txs == null ? null : txs.get(nonce);
    if (old != null && incoming.fee() < ReplacementFee.minimum(old.fee())) {
      return new Reject(PoolError.REPLACEMENT_UNDERPRICED, "a pending transaction with nonce " + nonce + " pays fee "
          + old.fee() + "; a replacement must pay at least " + ReplacementFee.minimum(old.fee()));
    }
    if (incoming.tx().value() > Long.MAX_VALUE - incoming.fee()) {
      return new Reject(PoolError.INSUFFICIENT_FUNDS, "value + fee exceeds 2^63-1");
    }
    long spent = SenderTxs.saturatedAdd(txs == null ? 0 : txs.costBetween(base, nonce), incoming.cost());
    if (spent > account.balance()) {
      return new Reject(PoolError.INSUFFICIENT_FUNDS, "this transaction and the sender's pending ones before it cost "
          + spent + ", the balance is " + account.balance());
    }
    if (old == null && txs != null && txs.size() >= config.maxPerSender()) {
      return new Reject(PoolError.POOL_FULL, "the sender already has " + txs.size()
          + " pending transactions, the most the pool holds for one sender");
    }
    List<PooledTx> invalidated = txs == null ? List.of() : unaffordableAfter(txs, nonce, spent, account.balance());
    return makeRoom(contents, incoming, old, invalidated, txs == null ? nonce == base : nonce <= txs.nextNonce(base));
  }

  /** The sender's transactions above {@code nonce} that no longer fit the balance, walking in nonce order. */
  private static List<PooledTx> unaffordableAfter(SenderTxs txs, long nonce, long spent, long balance) {
    List<PooledTx> out = new ArrayList<>();
    long running = spent;
    for (PooledTx t : txs.above(nonce)) {
      long next = SenderTxs.saturatedAdd(running, t.cost());
      if (next > balance) {
        out.add(t);
      } else {
        running = next;
      }
    }
    return out;
  }

  private Decision makeRoom(PoolContents contents, PooledTx incoming, PooledTx old, List<PooledTx> invalidated, boolean incomingReady) {
    if (incoming.size() > config.maxBytes()) {
      return new Reject(PoolError.POOL_FULL, "the transaction is " + incoming.size() + " bytes, more than the pool holds ("
          + config.maxBytes() + ")");
    }
    // The replaced transaction has the incoming one's nonce, the invalidated ones higher nonces: distinct.
    long count = contents.size() + 1L - invalidated.size() - (old != null ? 1 : 0);
    long bytes = contents.bytes() + incoming.size() - (old != null ? old.size() : 0);
    for (PooledTx t : invalidated) {
      bytes -= t.size();
    }
    if (count <= config.maxCount() && bytes <= config.maxBytes()) {
      return new Accept(incoming, old, List.copyOf(invalidated), List.of()); // room enough: the usual case
    }
    Set<PooledTx> leaving = Collections.newSetFromMap(new IdentityHashMap<>());
    leaving.addAll(invalidated);
    if (old != null) {
      leaving.add(old);
    }
    List<PooledTx> evicted = new ArrayList<>();
    Iterator<PooledTx> candidates = contents.evictionCandidates();
    while (count > config.maxCount() || bytes > config.maxBytes()) {
      PooledTx c = candidates.hasNext() ? candidates.next() : null;
      if (c == null || !EvictionOrder.evictedBefore(c, contents.isReady(c), incoming, incomingReady)) {
        return new Reject(PoolError.POOL_FULL, "the pool is full (" + contents.size() + " transactions, " + contents.bytes()
            + " bytes) and fee " + incoming.fee() + " does not outbid the transactions it would have to evict");
      }
      if (leaving.contains(c) || (c.sender().equals(incoming.sender()) && c.nonce() < incoming.nonce())) {
        continue; // already leaving, or a transaction the incoming one depends on
      }
      evicted.add(c);
      count--;
      bytes -= c.size();
    }
    return new Accept(incoming, old, List.copyOf(invalidated), List.copyOf(evicted));
  }
}
