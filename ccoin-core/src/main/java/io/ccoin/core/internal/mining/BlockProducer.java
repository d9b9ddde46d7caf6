package io.ccoin.core.internal.mining;

import io.ccoin.core.mining.SignedHeight;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.BlockSigner;
import io.ccoin.api.BlockTemplate;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Miner;
import io.ccoin.api.PlaceholderData;
import io.ccoin.api.Transaction;
import io.ccoin.api.Vote;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.internal.chain.ChainHead;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.VotingState;
import io.ccoin.core.internal.pool.TxPool;
import io.ccoin.core.internal.state.BlockExecutor;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces this validator's blocks (SPEC 7, block production): whenever the rules let it extend
 * the head, as early as they allow (the leader as soon as {@code min_bound} transactions are ready
 * or the interval passed, a backup at its rank's time and no sooner than its rank's
 * {@code leader_timeout}s after it saw the head), it takes transactions from the pool,
 * assembles the block, has the {@link Miner} grind and seal it, and imports it: once the import
 * has found it valid on the head and before the store commits it, it goes to {@code onSealed} (to be
 * announced: peers need not wait for this node's commit before they start their own import), and
 * once imported to {@code onProduced}. A block that fails its own import goes to neither. A better
 * head arriving meanwhile abandons the attempt. It
 * never signs a height it signed before ({@link SignedHeight}).
 *
 * <p><b>A patient backup.</b> SPEC 7 lets a backup of rank r seal once
 * {@code interval + r × leader_timeout} has passed since its parent's timestamp. When blocks travel
 * slowly (a loaded network: a full block's import and the next block's assembly take seconds) the
 * head reaches everyone late, the leader's block later still, and a backup that seals at the rule's
 * time seals a competing block the leader's then outweighs: a reorganisation on every node, whose
 * re-execution makes the next trip slower. So a backup also waits {@code r × leader_timeout} after
 * it first saw the head: the leader gets as long after the head reached it as the rule gives it
 * after the head's timestamp. On a network where blocks arrive on time the rule's time is the later
 * one and nothing changes; a dead leader costs at most the head's delay more.
 *
 * <p><b>A pool that has caught up.</b> The pool follows each new head on the thread that made it,
 * re-checking its senders and taking back the transactions of blocks a reorganisation dropped;
 * meanwhile it still offers what was ready on the head before, and on the new head most of that
 * is already mined or out of nonce order. So the producer waits until the pool follows the head
 * it builds on (for at most one interval after it saw the head, so that a pool that never catches
 * up cannot stop production): in the load runs, blocks sealed in that moment were empty while
 * thousands of transactions waited.
 *
 * <p>Runs on the given scheduler, checking every {@code pollMs} and on every new head. Thread-safe.
 */
public final class BlockProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);

  private final Chain chain;
  private final TxPool pool;
  private final Miner miner;
  private final BlockSigner key;
  private final SignedHeight signed;
  private final PlaceholderData placeholder;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Block> onSealed;
  private final Consumer<Block> onProduced;
  private final BlockAssembler assembler;
  private final SecureRandom random = new SecureRandom();
  private final long pollMs;
  private final Proposals proposals;

  private Job job;
  /** The head this producer last saw, and when (this node's clock): a backup counts its wait from there. */
  private Hash seenHead;
  private long seenHeadAt;
  private ScheduledFuture<?> ticker;
  private Subscription headSubscription;
  private volatile boolean running;
  private long produced;

  /**
   * A block being mined on {@code parent}, with the execution its assembly made, and when (nanoTime)
   * its assembly started and ended, for the log.
   */
  private record Job(Hash parent, long number, CompletableFuture<Block> future, BlockExecutor.Executed execution, long startNanos,
      long assembledNanos) {}

  public BlockProducer(Chain chain, TxPool pool, Miner miner, BlockSigner key, SignedHeight signed, PlaceholderData placeholder,
      Clock clock, ScheduledExecutorService scheduler, long pollMs, Consumer<Block> onProduced) {
    this(chain, pool, miner, key, signed, placeholder, clock, scheduler, pollMs, b -> {}, onProduced, new Proposals());
  }

  /**
   * A producer that casts {@code proposals} in its blocks (SPEC 7.1). On a version 1 network the key
   * must be a genesis miner's; on a version 2 network any key will do: the producer produces only
   * while its key is in the set in force (a standby validator waits, one voted out stops).
   *
   * @throws IllegalArgumentException if the key is not a miner of a version 1 network
   */
  public BlockProducer(Chain chain, TxPool pool, Miner miner, BlockSigner key, SignedHeight signed, PlaceholderData placeholder,
      Clock clock, ScheduledExecutorService scheduler, long pollMs, Consumer<Block> onSealed, Consumer<Block> onProduced,
      Proposals proposals) {
    this.chain = chain;
    this.pool = pool;
    this.miner = miner;
    this.key = key;
    this.signed = signed;
    this.placeholder = placeholder;
    this.clock = clock;
    this.scheduler = scheduler;
    this.pollMs = pollMs;
    this.onSealed = Objects.requireNonNull(onSealed, "onSealed");
    this.onProduced = Objects.requireNonNull(onProduced, "onProduced");
    this.assembler = new BlockAssembler(chain.txVerifier());
    this.proposals = Objects.requireNonNull(proposals, "proposals");
    if (!chain.params().votingEnabled() && chain.params().minerIndex(key.address()) < 0) {
      throw new IllegalArgumentException("account " + key.address() + " is not one of this network's miners");
    }
  }

  /** Starts producing. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    ticker = scheduler.scheduleWithFixedDelay(this::tickSafely, 0, pollMs, TimeUnit.MILLISECONDS);
    headSubscription = chain.onNewHead(scheduler, e -> tickSafely());
  }

  /** Stops producing and abandons the current attempt. */
  @Override
  public synchronized void close() {
    running = false;
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (headSubscription != null) {
      headSubscription.close();
    }
    if (job != null) {
      job.future().cancel(true);
      job = null;
    }
  }

  /** Blocks this producer has made and imported. */
  public synchronized long produced() {
    return produced;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("block production failed; retrying", e);
    }
  }

  /** One decision: abandon a stale attempt, or start one when the rules allow. */
  synchronized void tick() {
    if (!running) {
      return;
    }
    ChainHead head = chain.head();
    long now = clock.millis();
    if (!head.hash().equals(seenHead)) {
      seenHead = head.hash();
      seenHeadAt = now;
    }
    if (job != null) {
      if (job.parent().equals(head.hash())) {
        return;
      }
      LOG.debug("abandoning block #{}: a new head #{} arrived", job.number(), head.number());
      job.future().cancel(true);
      job = null;
    }
    long number = head.number() + 1;
    if (number <= signed.highest()) {
      return;
    }
    ConsensusParams p = chain.params();
    BlockHeader parent = head.block().header();
    Address me = key.address();
    VotingState voting = head.voting();
    int rank = Ranks.rank(voting.authorities(), parent, me);
    if (rank < 0) {
      return; // not in the set in force (yet, or any more): follow the chain like a basic node
    }
    if (now < Ranks.earliestTimestamp(p, parent, rank, Integer.MAX_VALUE) || now < Ranks.backupNotBefore(p, seenHeadAt, rank)) {
      return;
    }
    if (chain.contextFor(head.stored()).recentMiners().contains(me)) {
      return;
    }
    long startNanos = System.nanoTime();
    Optional<Hash> poolHead = pool.followedHead();
    if (poolHead.isPresent() && !poolHead.get().equals(head.hash()) && now < seenHeadAt + p.intervalMs()) {
      return; // the pool has not followed this head yet: what it would offer was ready on the last one
    }
    Optional<Vote> vote = p.votingEnabled() ? proposals.choose(voting, me, number, p.epoch()) : Optional.empty();
    List<Transaction> candidates = pool.select((int) Math.min(Integer.MAX_VALUE, p.maxBound()), p.maxBlockBytes(), head::account);
    BlockAssembler.Assembled a = assembler.assemble(head.stored(), head.state(), me, now, candidates, Bytes.EMPTY, vote);
    if (a.transactions().isEmpty()) {
      if (!p.allowEmpty()) {
        return;
      }
      a = assembler.assemble(head.stored(), head.state(), me, now, List.of(), placeholderData(p), vote);
    }
    if (now < Ranks.earliestTimestamp(p, parent, rank, a.transactions().size())) {
      return;
    }
    CompletableFuture<Block> future = miner.mine(new BlockTemplate(a.header(), a.transactions(), new GuardedSigner(key, signed, number)));
    Job started = new Job(head.hash(), number, future, a.execution(), startNanos, System.nanoTime());
    job = started;
    future.whenCompleteAsync((block, error) -> finished(started, block, error), scheduler);
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  private Bytes placeholderData(ConsensusParams p) {
    if (!placeholder.random()) {
      return placeholder.predefined();
    }
    byte[] b = new byte[(int) Math.min(placeholder.randomLength(), p.maxBlockData())];
    random.nextBytes(b);
    return Bytes.of(b);
  }

  private void finished(Job finishedJob, Block block, Throwable error) {
    synchronized (this) {
      if (job == finishedJob) {
        job = null;
      }
    }
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (!(cause instanceof CancellationException)) {
        LOG.warn("mining block #{} failed: {}", finishedJob.number(), cause.toString());
      }
      return;
    }
    long sealedNanos = System.nanoTime();
    boolean[] handedOn = new boolean[1];
    long[] announcedNanos = new long[1];
    ImportResult r = chain.importOwn(block, b -> {
      handedOn[0] = true;
      announcedNanos[0] = System.nanoTime();
      onSealed.accept(b);
    }, finishedJob.execution());
    long importedNanos = System.nanoTime();
    if (r.status() == ImportResult.Status.IMPORTED) {
      if (!handedOn[0]) {
        announcedNanos[0] = importedNanos;
        onSealed.accept(block); // imported on a side branch or by a reorganisation: handed on now
      }
      synchronized (this) {
        produced++;
      }
      LOG.info("produced block #{} {} with {} transaction(s){} (assembled in {} ms, sealed {} ms later; announced {} ms and "
              + "imported {} ms after sealing)", block.number(), r.blockHash(), block.transactions().size(),
          block.header().vote().map(v -> ", voting to " + v).orElse(""), millis(finishedJob.startNanos(), finishedJob.assembledNanos()),
          millis(finishedJob.assembledNanos(), sealedNanos), millis(sealedNanos, announcedNanos[0]), millis(sealedNanos, importedNanos));
      onProduced.accept(block);
    } else {
      LOG.warn("own block #{} {} was not imported: {}", block.number(), r.blockHash(), r);
    }
    tickSafely();
  }
}
