package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.mining.PowMiner;
import io.ccoin.core.pool.AddResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the blocks of a benchmark through the public API only: one validator {@link CcoinNode}
 * per miner of the network, in memory, on a shared clock this builder sets. For each block the
 * in-turn validator ({@link CcoinNode#inTurnNext}) is given the block's transactions
 * ({@link CcoinNode#submitAll}), the clock is moved to the earliest time the rules let it produce
 * a block of that many transactions (SPEC 7 item 4), and the block it produces is captured with
 * {@link CcoinNode#onBlockProduced}; the other validators import it at once. The clock stands
 * still otherwise, and every validator is on the same head whenever it moves, so no validator
 * produces a block this builder did not ask for.
 *
 * <p>Not thread-safe. Close it to stop the validators.
 */
final class ValidatorBlockBuilder implements AutoCloseable {
  private static final long PRODUCE_TIMEOUT_SECONDS = 60;

  private final GenesisBlock genesis;
  private final ConsensusParams params;
  private final Map<Address, CcoinNode> nodes = new LinkedHashMap<>();
  private final SettableClock clock;
  private final PowMiner miner = new PowMiner(1);
  private BlockHeader last;

  ValidatorBlockBuilder(GenesisBlock genesis, List<AccountKey> miners) {
    this.genesis = genesis;
    this.params = genesis.genesis().params();
    this.last = genesis.block().header();
    this.clock = new SettableClock(last.timestamp());
    for (AccountKey k : miners) {
      nodes.put(k.address(), Ccoin.builder().genesis(genesis).clock(clock).validator(k).miner(miner)
          .productionPollMs(5).build().start());
    }
  }

  /**
   * The next block, holding exactly {@code txs} (in the order the validator's pool selects them:
   * each sender's in nonce order), made by the in-turn validator at the earliest timestamp allowed.
   *
   * @throws IllegalStateException if a transaction is refused, the block is not produced in time,
   *     or it does not hold exactly {@code txs}
   */
  Block next(List<Transaction> txs) throws InterruptedException {
    CcoinNode any = nodes.values().iterator().next();
    Address leader = any.inTurnNext();
    CcoinNode producer = nodes.get(leader);
    if (producer == null) {
      throw new IllegalStateException("the in-turn miner " + leader + " is not one of the keys given");
    }
    CompletableFuture<Block> produced = new CompletableFuture<>();
    Subscription sub = producer.onBlockProduced(produced::complete);
    try {
      if (!txs.isEmpty()) {
        for (AddResult r : producer.submitAll(txs)) {
          if (r.status() != AddResult.Status.ADDED) {
            throw new IllegalStateException("a benchmark transaction was refused: " + r);
          }
        }
      }
      long byGap = last.timestamp() + params.minGapMs();
      boolean enough = txs.size() >= Math.max(params.minBound(), 1);
      clock.set(Math.max(clock.millis(), enough ? byGap : Math.max(byGap, last.timestamp() + params.intervalMs())));
      Block block;
      try {
        block = produced.get(PRODUCE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("validator " + leader + " did not produce block #" + (last.number() + 1)
            + " within " + PRODUCE_TIMEOUT_SECONDS + " s", e);
      }
      if (!sameTransactions(block.transactions(), txs)) {
        throw new IllegalStateException("block #" + block.number() + " holds " + block.transactions().size()
            + " transactions instead of the " + txs.size() + " given (too many for one block?)");
      }
      for (CcoinNode n : nodes.values()) {
        if (n != producer) {
          ImportResult r = n.importBlock(block);
          if (r.status() != ImportResult.Status.IMPORTED) {
            throw new IllegalStateException("a validator did not import block #" + block.number() + ": " + r);
          }
        }
      }
      last = block.header();
      return block;
    } finally {
      sub.close();
    }
  }

  /**
   * Makes the validator of {@code miner} propose {@code authorize ? "add" : "remove"}
   * {@code candidate} ({@link CcoinNode#propose}): it casts the vote in the blocks it produces
   * (SPEC 7.1) until the set reflects it. Version 2 networks only.
   *
   * @throws IllegalArgumentException if {@code miner} is not one of the keys given
   */
  void propose(Address miner, Address candidate, boolean authorize) {
    CcoinNode node = nodes.get(miner);
    if (node == null) {
      throw new IllegalArgumentException("no validator of " + miner + " in this builder");
    }
    node.propose(candidate, authorize);
  }

  private static boolean sameTransactions(List<Transaction> in, List<Transaction> given) {
    if (in.size() != given.size()) {
      return false;
    }
    Set<io.ccoin.api.Hash> hashes = new HashSet<>();
    for (Transaction t : given) {
      hashes.add(Hashes.txHash(t));
    }
    for (Transaction t : in) {
      if (!hashes.contains(Hashes.txHash(t))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    for (CcoinNode n : nodes.values()) {
      n.close();
    }
    miner.close();
  }

  /** A clock that stands still until {@link #set}. */
  private static final class SettableClock extends Clock {
    private final AtomicLong millis;

    SettableClock(long millis) {
      this.millis = new AtomicLong(millis);
    }

    void set(long value) {
      millis.set(value);
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    /** This clock's instants, told in {@code zone}: the builder moves both. */
    @Override
    public Clock withZone(ZoneId zone) {
      Clock self = this;
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
          return self.withZone(other);
        }

        @Override
        public Instant instant() {
          return self.instant();
        }
      };
    }
  }
}
