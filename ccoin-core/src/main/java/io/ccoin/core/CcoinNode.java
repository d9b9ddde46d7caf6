package io.ccoin.core;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ChainStore;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.InvalidVoteException;
import io.ccoin.api.Miner;
import io.ccoin.api.PendingVote;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.api.Vote;
import io.ccoin.api.VotingUnavailableException;
import io.ccoin.api.event.AuthoritiesListener;
import io.ccoin.api.event.NewHeadListener;
import io.ccoin.api.event.ReorgEvent;
import io.ccoin.api.event.ReorgListener;
import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxAddedListener;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedListener;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.internal.chain.ChainHead;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.internal.consensus.VotingState;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.NodeAccess;
import io.ccoin.core.internal.event.Listeners;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.internal.mining.BlockProducer;
import io.ccoin.core.mining.PowMiner;
import io.ccoin.core.internal.mining.Proposals;
import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolStats;
import io.ccoin.core.internal.pool.FollowedHead;
import io.ccoin.core.internal.pool.TxPool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ccoin node running in-process: the chain, its transaction pool and, for a validator, the block
 * producer. Build one with {@link Ccoin#builder()}, then {@link #start()} it; {@link #close()}
 * stops everything and closes the store.
 *
 * <p><b>Threads.</b> Thread-safe. Queries read immutable snapshots and never block on imports.
 * Listeners run on the executor given at registration, or on the thread that caused the event (an
 * import or a submission) when none was given; they must be fast and must not throw.
 *
 * <p>A single validator runs a chain alone with no network. Networking (ccoin-net) attaches through
 * {@link #importBlock}, {@link #submit} and the listeners, in particular {@link #onBlockProduced}.
 */
public final class CcoinNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CcoinNode.class);
  private static final long FUTURE_RETRY_MS = 100;
  private static final int RECENTLY_INCLUDED_LIMIT = 16_384;

  private final Chain chain;
  private final TxPool pool;
  private final ChainStore store;
  private final Clock clock;
  private final Optional<AccountKey> validatorKey;
  private final Miner miner;
  private final boolean ownsMiner;
  private final BlockProducer producer;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Listeners<Block> producedListeners = new Listeners<>("block produced");
  private final Listeners<Block> sealedListeners = new Listeners<>("block sealed");
  private final Listeners<ImportTiming> importListeners = new Listeners<>("block import");
  private final List<Transaction> readmit = new ArrayList<>();
  private final Proposals proposals = new Proposals();
  /**
   * Transactions the pool gave up because a block included them, newest last: while a reorg takes
   * that block off the canonical chain and before the pool takes them back, they are in neither, and
   * {@link #transaction} still answers them as pending instead of unknown.
   */
  private final Map<Hash, Transaction> recentlyIncluded = Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Transaction> eldest) {
          return size() > RECENTLY_INCLUDED_LIMIT;
        }
      });
  private volatile boolean started;
  private java.util.concurrent.ScheduledFuture<?> futureRetries;
  private volatile boolean closed;

  static {
    NodeAccess.install(new NodeAccess.Engine() {
      @Override
      public Chain chain(CcoinNode node) {
        return node.chain;
      }

      @Override
      public TxPool pool(CcoinNode node) {
        return node.pool;
      }
    });
  }

  CcoinNode(Ccoin.Builder b) {
    this.store = b.storeOrDefault();
    this.clock = b.clock;
    GenesisBlock genesis = b.genesisBlock != null ? b.genesisBlock : GenesisBlock.build(b.genesis);
    this.chain = new Chain(store, genesis, RuleSet.withExtraRules(b.extraRules), b.chainConfig, clock);
    this.pool = new TxPool(chain.txVerifier(), address -> chain.head().account(address), b.poolConfig, clock);
    this.validatorKey = b.validatorKey();
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = b.scheduler != null ? b.scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ccoin-node-" + genesis.hash().toHex().substring(0, 8));
      t.setDaemon(true);
      return t;
    });
    chain.onReorg(this::collectDroppedTransactions);
    pool.onTxDropped(e -> {
      if (e.reason() == TxDroppedEvent.Reason.INCLUDED) {
        recentlyIncluded.put(e.hash(), e.transaction());
      }
    });
    chain.onNewHead(e -> updatePool());
    chain.onNewHead(e -> proposals.dropReflected(chain.head().voting()));
    if (validatorKey.isPresent()) {
      this.ownsMiner = b.miner == null;
      this.miner = b.miner != null ? b.miner : new PowMiner();
      this.producer = new BlockProducer(chain, pool, miner, validatorKey.get(), b.signedHeightOrDefault(),
          genesis.genesis().placeholderData(), clock, scheduler, b.productionPollMs, sealedListeners::fire, producedListeners::fire, proposals);
    } else {
      this.ownsMiner = false;
      this.miner = null;
      this.producer = null;
    }
  }

  private void collectDroppedTransactions(ReorgEvent e) {
    synchronized (readmit) {
      for (Hash h : e.dropped()) {
        chain.block(h).ifPresent(b -> readmit.addAll(b.block().transactions()));
      }
    }
  }

  private void updatePool() {
    List<Transaction> again;
    synchronized (readmit) {
      again = List.copyOf(readmit);
      readmit.clear();
    }
    // The pool re-checks only the new block's senders when it extends the head the pool followed
    // last, every sender otherwise (a reorganisation, several blocks at once).
    pool.onNewHead(FollowedHead.of(chain.head()), again, hash -> store.transaction(hash).isPresent());
  }

  /** Starts retrying future blocks and, for a validator, producing blocks. Idempotent. */
  public synchronized CcoinNode start() {
    if (closed) {
      throw new IllegalStateException("the node is closed");
    }
    if (!started) {
      started = true;
      futureRetries = scheduler.scheduleWithFixedDelay(() -> {
        try {
          chain.retryFutureBlocks();
        } catch (RuntimeException e) {
          LOG.warn("retrying future blocks failed", e);
        }
      }, FUTURE_RETRY_MS, FUTURE_RETRY_MS, TimeUnit.MILLISECONDS);
      if (producer != null) {
        producer.start();
      }
      LOG.info("node started on network {} (genesis {}), head #{}{}", chain.params().networkId(), chain.genesis().hash(),
          chain.head().number(), validatorKey.map(k -> ", validating as " + k.address()).orElse(""));
    }
    return this;
  }

  /** Stops production and background work, and closes the store (and the miner it created). Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (producer != null) {
      producer.close();
    }
    if (futureRetries != null) {
      futureRetries.cancel(false);
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (ownsMiner) {
      miner.close();
    }
    store.close();
  }

  // ---- writes -------------------------------------------------------------------------------

  /** Submits a transaction to the pool; the result says whether it was admitted, and if not, why. */
  public AddResult submit(Transaction tx) {
    return pool.add(tx);
  }

  /** Submits many transactions, verifying their signatures in parallel. */
  public List<AddResult> submitAll(List<Transaction> txs) {
    return pool.addAll(txs);
  }

  /** Imports a block received from elsewhere (the network, a file). */
  public ImportResult importBlock(Block block) {
    long start = System.nanoTime();
    ImportResult r = chain.importBlock(block);
    importListeners.fire(new ImportTiming(r, System.nanoTime() - start));
    return r;
  }

  /** The outcome of one {@link #importBlock} call and how long it took. */
  public record ImportTiming(ImportResult result, long nanos) {}

  // ---- queries ------------------------------------------------------------------------------

  /** The canonical head and its state, as one immutable snapshot. Never blocks. */
  public Head head() {
    return chain.head();
  }

  /** This node's genesis block and the genesis it was built from. */
  public GenesisBlock genesis() {
    return chain.genesis();
  }

  /** The account at the head ({@link Account#EMPTY} when it does not exist). */
  public Account account(Address address) {
    return chain.head().account(address);
  }

  /** The nonce the sender's next transaction should carry, counting its transactions in the pool. */
  public long pendingNonce(Address address) {
    return pool.pendingNonce(address);
  }

  /** A proof of an account against the head's state root, with the head it belongs to. */
  public ProvenAccount proof(Address address) {
    ChainHead head = chain.head();
    return new ProvenAccount(head.stored(), head.proof(address));
  }

  /** An account proof and the block whose state root it is checked against. */
  public record ProvenAccount(StoredBlock block, StateProof proof) {}

  /** A block by hash, canonical or not. */
  public Optional<StoredBlock> block(Hash hash) {
    return chain.block(hash);
  }

  /** The canonical block at {@code number}. */
  public Optional<StoredBlock> block(long number) {
    return chain.blockAt(number);
  }

  /**
   * A transaction on the canonical chain, in the pool, or dropped from the pool within the last
   * hour, in that order of precedence. A transaction whose block a reorg has just taken off the
   * canonical chain is pending from the moment the reorg is published, also before the pool has
   * taken it back (and dropped, with its reason, if the pool cannot).
   */
  public Optional<TransactionInfo> transaction(Hash hash) {
    Optional<TransactionInfo> confirmed = confirmed(hash);
    if (confirmed.isPresent()) {
      return confirmed;
    }
    Optional<TransactionInfo> pending = pool.get(hash).map(tx -> TransactionInfo.pending(tx, hash));
    if (pending.isPresent()) {
      return pending;
    }
    // The pool lets a mined transaction go only after the chain published the block holding it as
    // the head; a block published since the first look is seen by a second one.
    return confirmed(hash).or(() -> pool.dropped(hash).map(TransactionInfo::dropped))
        .or(() -> Optional.ofNullable(recentlyIncluded.get(hash)).map(tx -> TransactionInfo.pending(tx, hash)));
  }

  /** The transaction as confirmed on the canonical chain of the current head, if it is. */
  private Optional<TransactionInfo> confirmed(Hash hash) {
    ChainHead head = chain.head();
    Optional<TxLocation> loc = store.transaction(hash);
    // the store indexes a block just before the chain publishes it as the head: until then, not confirmed
    if (loc.isPresent() && loc.get().blockNumber() <= head.number()) {
      TxLocation l = loc.get();
      Optional<StoredBlock> b = chain.block(l.blockHash());
      if (b.isPresent() && l.index() < b.get().block().transactions().size()) {
        Transaction tx = b.get().block().transactions().get(l.index());
        return Optional.of(TransactionInfo.confirmed(tx, hash, l, Math.max(0, head.number() - l.blockNumber() + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * Up to {@code limit} canonical transactions that {@code address} sent or received, newest first,
   * strictly older than the place (block {@code beforeNumber}, index {@code beforeIndex}) and no
   * newer than one head snapshot (a larger place starts at that head), each confirmed with its
   * confirmations counted from that head. Read from the store's address index
   * ({@link ChainStore#accountTransactions}).
   *
   * @throws IllegalArgumentException if {@code limit} is not positive or a place is negative
   */
  public List<TransactionInfo> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit) {
    ChainHead head = chain.head();
    long number = beforeNumber;
    int index = beforeIndex;
    if (number > head.number()) {
      number = head.number() + 1;
      index = 0;
    }
    List<TransactionInfo> out = new ArrayList<>();
    for (io.ccoin.api.AccountTx e : store.accountTransactions(address, number, index, limit)) {
      Optional<StoredBlock> b = e.blockNumber() == head.number() ? Optional.of(head.stored()) : chain.blockAt(e.blockNumber());
      if (b.isEmpty() || e.index() >= b.get().block().transactions().size()) {
        continue; // a reorg moved the chain between the head snapshot and the read
      }
      Transaction tx = b.get().block().transactions().get(e.index());
      if (!Hashes.txHash(tx).equals(e.txHash())) {
        continue;
      }
      out.add(TransactionInfo.confirmed(tx, e.txHash(), new TxLocation(b.get().hash(), e.blockNumber(), e.index()),
          head.number() - e.blockNumber() + 1));
    }
    return out;
  }

  /** The consensus parameters of this node's network, from its genesis. */
  public ConsensusParams params() {
    return chain.params();
  }

  /**
   * The hash of the canonical block at {@code number}, from the store's canonical index (no block is
   * decoded); empty above the head.
   */
  public Optional<Hash> canonicalHash(long number) {
    return chain.store().canonicalHash(number);
  }

  /** Counts and sizes of the transaction pool, as one consistent snapshot. */
  public PoolStats poolStats() {
    return pool.stats();
  }

  /**
   * How many more transactions the pool can take before it is full, read without the pool's lock:
   * cheap enough to ask before decoding or verifying a submission, so that an overloaded front end
   * can refuse early. Possibly a moment stale; never negative. A full pool may still take a
   * transaction that pays enough to evict another ({@link #submit} decides).
   */
  public int poolRoom() {
    return pool.room();
  }

  /**
   * Whether this node refused a reorg deeper than its {@link ChainConfig#maxReorgDepth()}: it then
   * keeps its chain and should be reported not ready (SPEC 7, reorg limit).
   */
  public boolean reorgRefused() {
    return chain.reorgRefused();
  }

  /**
   * Why the store last failed to commit an import, if it did: the node then imports nothing more
   * until restarted (docs/RELIABILITY.md).
   */
  public Optional<String> storeFailure() {
    return chain.storeFailure();
  }

  /** The validator's address, when this node validates. */
  public Optional<Address> validatorAddress() {
    return validatorKey.map(AccountKey::address);
  }

  /** The clock this node runs on. */
  public Clock clock() {
    return clock;
  }

  // ---- authority voting (SPEC 7.1) ----------------------------------------------------------

  /**
   * True on a version 2 network (its genesis sets {@code epoch}), whose authorities change by votes
   * in block headers; false on a version 1 network, whose authorities are the genesis miners.
   */
  public boolean votingEnabled() {
    return chain.params().votingEnabled();
  }

  /**
   * The authority set in force for the block after the canonical head ({@code A(head)}, SPEC 7.1),
   * sorted ascending in unsigned byte order; the genesis miners on a version 1 network. Read from
   * memory, never from the store.
   */
  public List<Address> authorities() {
    return chain.head().voting().authorities();
  }

  /**
   * The set in force after the stored block {@code blockHash} (canonical or not), that is at its
   * child: {@code A(B)} of SPEC 7.1. Empty when the block is unknown. Recent blocks answer from
   * memory; an older one may replay the headers since its last checkpoint from the store.
   */
  public Optional<List<Address>> authoritiesAfter(Hash blockHash) {
    return chain.block(blockHash).map(b -> chain.votingAfter(b).authorities());
  }

  /** As {@link #authoritiesAfter(Hash)} for the canonical block at {@code number}. */
  public Optional<List<Address>> authoritiesAfter(long number) {
    return chain.blockAt(number).map(b -> chain.votingAfter(b).authorities());
  }

  /**
   * The pending votes after the canonical head ({@code T(head)}, SPEC 7.1), in the order they were
   * cast; empty on a version 1 network and after a checkpoint.
   */
  public List<PendingVote> tally() {
    return chain.head().voting().tally();
  }

  /**
   * The leader in turn for the block after the canonical head: the first authority in force above
   * the head's miner, wrapping around (SPEC 7).
   */
  public Address inTurnNext() {
    ChainHead head = chain.head();
    return Ranks.leader(head.voting().authorities(), head.block().header());
  }

  /**
   * The rank of a stored block on top of its parent under the set in force at it (0 = in turn);
   * empty for genesis or an unknown block.
   */
  public OptionalInt rank(Hash blockHash) {
    Optional<StoredBlock> b = chain.block(blockHash);
    if (b.isEmpty() || b.get().number() == 0) {
      return OptionalInt.empty();
    }
    Optional<StoredBlock> parent = chain.block(b.get().parentHash());
    if (parent.isEmpty()) {
      return OptionalInt.empty();
    }
    int r = Ranks.rank(chain.votingAfter(parent.get()).authorities(), parent.get().block().header(), b.get().block().header().miner());
    return r < 0 ? java.util.OptionalInt.empty() : OptionalInt.of(r);
  }

  /** The recent window w (SPEC 7 item 5) for the block after the canonical head. */
  public long recentWindow() {
    return chain.params().recentWindow(chain.head().voting().authorities().size());
  }

  /**
   * This node's open proposals (node-local, not consensus), in the order they were made. The
   * validator casts them in turn when it produces blocks (SPEC 7.1) and drops each once the set in
   * force after the head reflects it. Empty on a version 1 network or without a validator key.
   */
  public List<Vote> proposals() {
    return producer == null || !votingEnabled() ? List.of() : proposals.list();
  }

  /**
   * Makes this node's validator vote {@code authorize ? "add" : "remove"} {@code candidate} in the
   * blocks it produces, until the set reflects it or it is {@link #withdraw withdrawn}. A proposal
   * on a candidate that already has one replaces it. Thread-safe.
   *
   * @return the open proposals after this one
   * @throws InvalidVoteException if the vote would be invalid on top of the head now (adding a
   *     member, removing an outsider, the zero address, above 64 authorities, the last authority);
   *     nothing changes
   * @throws VotingUnavailableException on a version 1 network, or a node without a validator key
   */
  public List<Vote> propose(Address candidate, boolean authorize) {
    requireVoting();
    Vote vote = new Vote(candidate, authorize);
    synchronized (proposals) {
      ChainHead head = chain.head();
      // checked as if cast in a block that is not a checkpoint: a checkpoint only delays the vote
      Optional<String> error = VotingState.voteError(head.voting().authorities(), 1, Optional.of(vote), Long.MAX_VALUE);
      if (error.isPresent()) {
        throw new InvalidVoteException(error.get());
      }
      List<Vote> open = proposals.add(vote);
      LOG.info("proposal: {} (open proposals: {})", vote, open);
      return open;
    }
  }

  /**
   * Withdraws this node's proposal on {@code candidate}.
   *
   * @return true if there was one
   * @throws VotingUnavailableException on a version 1 network, or a node without a validator key
   */
  public boolean withdraw(Address candidate) {
    requireVoting();
    boolean removed = proposals.remove(candidate);
    if (removed) {
      LOG.info("proposal on {} withdrawn", candidate);
    }
    return removed;
  }

  /**
   * Called when the authority set in force after the canonical head changes: a vote passed, or a
   * reorg moved to a branch with another set (SPEC 7.1). Never fires on a version 1 network.
   */
  public Subscription onAuthoritiesChanged(Executor executor, AuthoritiesListener listener) {
    return chain.onAuthoritiesChanged(executor, listener);
  }

  /** As {@link #onAuthoritiesChanged(Executor, AuthoritiesListener)}, run on the importing thread. */
  public Subscription onAuthoritiesChanged(AuthoritiesListener listener) {
    return chain.onAuthoritiesChanged(listener);
  }

  private void requireVoting() {
    if (!votingEnabled()) {
      throw new VotingUnavailableException("this is a version 1 network (its genesis sets no epoch): its authorities are fixed");
    }
    if (producer == null) {
      throw new VotingUnavailableException("this node has no validator key: only a validator votes");
    }
  }

  // ---- listeners ----------------------------------------------------------------------------
  //
  // Every event has two registrations: with an Executor, the listener runs there; without one, it
  // runs on the thread that caused the event (an import, a submission, the producer), after the
  // chain's lock is released. Each returns a Subscription whose close() removes exactly that
  // registration. Listeners must be fast and must not throw; one that throws is logged and stays
  // registered.

  /**
   * Calls {@code listener} on {@code executor} for every new canonical head, after the head is
   * stored and visible to {@link #head()}.
   */
  public Subscription onNewHead(Executor executor, NewHeadListener listener) {
    return chain.onNewHead(executor, listener);
  }

  /** Calls {@code listener} for every new canonical head, on the thread that imported the block. */
  public Subscription onNewHead(NewHeadListener listener) {
    return chain.onNewHead(listener);
  }

  /**
   * Calls {@code listener} on {@code executor} when the canonical chain switches branches, before
   * the {@link #onNewHead new head} of that switch.
   */
  public Subscription onReorg(Executor executor, ReorgListener listener) {
    return chain.onReorg(executor, listener);
  }

  /** Calls {@code listener} when the canonical chain switches branches, on the importing thread. */
  public Subscription onReorg(ReorgListener listener) {
    return chain.onReorg(listener);
  }

  /** Calls {@code listener} on {@code executor} for each transaction that enters the pool. */
  public Subscription onTxAdded(Executor executor, TxAddedListener listener) {
    return pool.onTxAdded(executor, listener);
  }

  /**
   * Calls {@code listener} for each transaction that enters the pool, on the thread that added it
   * (a {@link #submit}, or an import that re-admits transactions after a reorg).
   */
  public Subscription onTxAdded(TxAddedListener listener) {
    return pool.onTxAdded(listener);
  }

  /**
   * Calls {@code listener} on {@code executor} for each transaction that leaves the pool, included
   * ones too ({@link io.ccoin.api.event.TxDroppedEvent.Reason#INCLUDED}).
   */
  public Subscription onTxDropped(Executor executor, TxDroppedListener listener) {
    return pool.onTxDropped(executor, listener);
  }

  /**
   * Calls {@code listener} for each transaction that leaves the pool, on the thread that changed
   * the pool (an import or a submission).
   */
  public Subscription onTxDropped(TxDroppedListener listener) {
    return pool.onTxDropped(listener);
  }

  /**
   * Calls {@code listener} on {@code executor} with every block this validator produced and
   * imported, e.g. to announce it to peers.
   */
  public Subscription onBlockProduced(Executor executor, Consumer<Block> listener) {
    return producedListeners.add(executor, listener);
  }

  /**
   * Calls {@code listener} on {@code executor} with every block this validator sealed (ground and
   * signed) as soon as its own import found it valid on the head, before the store commits it, so
   * that a network can send it to peers while it is committed here: peers then import it while this
   * node commits it instead of after. {@link #onBlockProduced} follows once it is imported. A block
   * that fails its own import is never handed on; one that lands on a side branch or in a
   * reorganisation is handed on after its import.
   */
  public Subscription onBlockSealed(Executor executor, Consumer<Block> listener) {
    return sealedListeners.add(executor, listener);
  }

  /**
   * Calls {@code listener} with every block this validator sealed, as the other registration does,
   * on the producer's thread and under the chain's import lock: it must be fast.
   */
  public Subscription onBlockSealed(Consumer<Block> listener) {
    return sealedListeners.add(listener);
  }

  /** Calls {@code listener} with every block this validator produced, on the producer's thread. */
  public Subscription onBlockProduced(Consumer<Block> listener) {
    return producedListeners.add(listener);
  }

  /**
   * Calls {@code listener} on {@code executor} after every {@link #importBlock} with its result and
   * duration (for metrics).
   */
  public Subscription onImport(Executor executor, Consumer<ImportTiming> listener) {
    return importListeners.add(executor, listener);
  }

  /**
   * Calls {@code listener} after every {@link #importBlock} with its result and duration, on the
   * thread that called {@code importBlock}.
   */
  public Subscription onImport(Consumer<ImportTiming> listener) {
    return importListeners.add(listener);
  }
}
