package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ChainStore;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.api.ValidationResult;
import io.ccoin.api.WriteBatch;
import io.ccoin.api.event.AuthoritiesChangedEvent;
import io.ccoin.api.event.AuthoritiesListener;
import io.ccoin.api.event.NewHeadEvent;
import io.ccoin.api.event.NewHeadListener;
import io.ccoin.api.event.ReorgEvent;
import io.ccoin.api.event.ReorgListener;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.internal.consensus.VotingState;
import io.ccoin.core.internal.event.Listeners;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.merkle.TxRoot;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.internal.state.WorkingState;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block tree of one network and its canonical chain (SPEC 7): validates and imports blocks,
 * chooses the heaviest chain, reorganises atomically, and keeps the account state of the head.
 *
 * <p><b>Threads.</b> Imports are serialised by one lock; {@link #head()} returns an immutable
 * snapshot that readers use without locking. Listeners run after the import that caused them,
 * outside the lock.
 *
 * <p><b>Atomicity.</b> Every import or reorg is one {@link WriteBatch}: a block that fails anywhere
 * (a rule, its last transaction, its reward, its state root) leaves nothing behind in the store, the
 * state or any cache other than the remembered invalid hash.
 */
public final class Chain {
  private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

  /** Metadata key under which the store keeps the genesis hash it was created for. */
  public static final String GENESIS_KEY = "genesisHash";
  /** Blocks kept decoded in memory (a full block of 2,000 transfers is about 2 MB of objects). */
  static final int RECENT_BLOCKS = 8;

  private final ChainStore store;
  private final GenesisBlock genesis;
  private final ConsensusParams params;
  private final RuleSet rules;
  private final BlockExecutor executor;
  private final ChainConfig config;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  private final OrphanPool orphans;
  private final FuturePool future;
  private final Cache<Hash, ValidationResult> invalid;
  /**
   * The blocks most recently committed or read, by hash: a stored block never changes, and the
   * recent ones are read again and again (the parent and recent miners of the next block, a block
   * that other peers relay again, the peer's weight after an import), each read otherwise decoding
   * the whole block from the store.
   */
  private final Cache<Hash, StoredBlock> recentBlocks = bounded(RECENT_BLOCKS);
  private final Map<Long, Map<Address, Hash>> firstSeen = new HashMap<>();
  private final Cache<Hash, Boolean> equivocating;
  private final List<Equivocation> evidence = Collections.synchronizedList(new ArrayList<>());
  private final Listeners<NewHeadEvent> newHeadListeners = new Listeners<>("new head");
  private final Listeners<ReorgEvent> reorgListeners = new Listeners<>("reorg");
  private final Listeners<AuthoritiesChangedEvent> authoritiesListeners = new Listeners<>("authorities changed");
  private final VotingStates voting;

  private volatile ChainHead head;
  private volatile boolean reorgRefused;
  /** Set by {@link #importOwn} for its import; read and written under {@link #lock}. */
  private BeforeCommit beforeCommit;
  private volatile String storeFailure;

  /**
   * Opens the chain on {@code store}: a new store is initialised with the genesis block; an existing
   * one must have been written for the same genesis, and its head state must match the head's state
   * root.
   *
   * @throws StoreException if the store belongs to another network or its state does not match
   */
  public Chain(ChainStore store, GenesisBlock genesis, RuleSet rules, ChainConfig config, Clock clock) {
    this.store = store;
    this.genesis = genesis;
    this.params = genesis.genesis().params();
    this.rules = rules;
    this.config = config;
    this.clock = clock;
    this.executor = new BlockExecutor(new TxVerifier(params, genesis.hash(), config.signatureCacheSize()));
    this.orphans = new OrphanPool(config.orphanPoolSize());
    this.future = new FuturePool(config.futurePoolSize());
    this.invalid = bounded(config.invalidCacheSize());
    this.equivocating = bounded(1024);
    this.voting = new VotingStates(params, genesis.hash(), config.maxReorgDepth(), store::metadata);
    this.head = open();
  }

  /** A bounded cache whose maintenance runs on the calling thread (a library starts no background work). */
  private static <K, V> Cache<K, V> bounded(int capacity) {
    return Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  private ChainHead open() {
    Optional<Hash> stored = store.head();
    if (stored.isEmpty()) {
      StoredBlock g = new StoredBlock(genesis.block(), genesis.hash(), 0);
      WriteBatch.Builder b = WriteBatch.builder()
          .putBlock(g)
          .setCanonical(0, genesis.hash())
          .setHead(genesis.hash())
          .putMetadata(GENESIS_KEY, genesis.hash().toBytes());
      genesis.state().forEach(b::putAccount);
      commit(b.build());
      return new ChainHead(g, StateTree.of(genesis.state()), voting.genesisState());
    }
    Optional<Bytes> storedGenesis = store.metadata(GENESIS_KEY);
    if (storedGenesis.isEmpty() || !storedGenesis.get().equals(genesis.hash().toBytes())) {
      throw new StoreException("the store was written for genesis "
          + storedGenesis.map(Bytes::toHex).orElse("(none recorded)") + ", not this network's " + genesis.hash());
    }
    StoredBlock h = store.block(stored.get())
        .orElseThrow(() -> new StoreException("the store's head block " + stored.get() + " is missing"));
    Map<Address, Account> accounts = new HashMap<>();
    store.forEachAccount(accounts::put);
    StateTree tree = StateTree.of(accounts);
    if (!tree.root().equals(h.block().header().stateRoot())) {
      throw new StoreException("the store's account state (root " + tree.root() + ") does not match its head #"
          + h.number() + " state root " + h.block().header().stateRoot());
    }
    // the set in force: replayed from the last checkpoint below the head whose set the store keeps
    return new ChainHead(h, tree, voting.after(h, this::block));
  }

  // ---- queries ------------------------------------------------------------------------------

  /** The canonical head with its state; an immutable snapshot. */
  public ChainHead head() {
    return head;
  }

  public GenesisBlock genesis() {
    return genesis;
  }

  public ConsensusParams params() {
    return params;
  }

  public ChainStore store() {
    return store;
  }

  public ChainConfig config() {
    return config;
  }

  /** The stateless transaction checks of this network, with the shared signature cache. */
  public TxVerifier txVerifier() {
    return executor.verifier();
  }

  /**
   * A stored block by hash, canonical or not.
   *
   * @throws StoreException if the store cannot read it (a damaged record): recorded as the chain's
   *     {@link #storeFailure()}
   */
  public Optional<StoredBlock> block(Hash hash) {
    StoredBlock recent = recentBlocks.getIfPresent(hash);
    if (recent != null) {
      return Optional.of(recent);
    }
    Optional<StoredBlock> stored = read(() -> store.block(hash), "block " + hash);
    stored.ifPresent(b -> recentBlocks.put(hash, b));
    return stored;
  }

  /**
   * The canonical block at {@code number}.
   *
   * @throws StoreException if the store cannot read it (a damaged record): recorded as the chain's
   *     {@link #storeFailure()}
   */
  public Optional<StoredBlock> blockAt(long number) {
    Optional<Hash> hash = read(() -> store.canonicalHash(number), "the canonical hash of block #" + number);
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    StoredBlock recent = recentBlocks.getIfPresent(hash.get());
    return recent != null ? Optional.of(recent) : read(() -> store.block(hash.get()), "block #" + number + " " + hash.get());
  }

  /** Runs a store read; a failure is recorded as the chain's store failure (naming {@code what}) and rethrown. */
  private <T> T read(java.util.function.Supplier<T> query, String what) {
    try {
      return query.get();
    } catch (StoreException e) {
      recordStoreFailure("reading " + what + " failed: " + e.getMessage());
      throw e;
    }
  }

  /**
   * Records a failure of the store (a failed commit, a record that cannot be read): from then on
   * the chain imports nothing and the node is not ready, until the store is repaired and reopened.
   * The first failure is kept.
   */
  public void recordStoreFailure(String reason) {
    Objects.requireNonNull(reason, "reason");
    synchronized (this) {
      if (storeFailure != null) {
        return;
      }
      storeFailure = reason;
    }
    LOG.error("the chain store failed; importing stops and the node is not ready until the store is repaired and the node restarted: {}",
        reason);
  }

  /** True when the block is on the canonical chain. */
  public boolean isCanonical(Hash hash, long number) {
    return store.canonicalHash(number).map(hash::equals).orElse(false);
  }

  /** True once a reorg deeper than {@code max_reorg_depth} was refused (the node is not ready). */
  public boolean reorgRefused() {
    return reorgRefused;
  }

  /**
   * Why the store failed, if it did (a failed commit, or a record that could not be read): from
   * then on the chain imports nothing (each import throws a {@link StoreException} saying why)
   * until it is reopened, and the node is not ready.
   */
  public Optional<String> storeFailure() {
    return Optional.ofNullable(storeFailure);
  }

  private void commit(WriteBatch batch) {
    try {
      store.commit(batch);
      batch.blocks().forEach(b -> recentBlocks.put(b.hash(), b));
    } catch (StoreException e) {
      recordStoreFailure("a commit failed: " + e.getMessage());
      throw e;
    }
  }

  /** Equivocation evidence seen so far (both headers of each case). */
  public List<Equivocation> equivocations() {
    synchronized (evidence) {
      return List.copyOf(evidence);
    }
  }

  /**
   * False for a block that is the second one seen by its miner at its number: such a block is never
   * relayed (SPEC 7, equivocation), though it may be imported.
   */
  public boolean isRelayable(Hash blockHash) {
    return equivocating.getIfPresent(blockHash) == null;
  }

  /** The number of blocks waiting for their parent. */
  public int orphanCount() {
    lock.lock();
    try {
      return orphans.size();
    } finally {
      lock.unlock();
    }
  }

  /** The number of blocks waiting for the clock. */
  public int futureCount() {
    lock.lock();
    try {
      return future.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The context a new block on top of {@code parent} is checked in, e.g. for a producer to know its
   * rank and recent miners.
   */
  public ChainContext contextFor(StoredBlock parent) {
    return contextFor(parent, votingAfter(parent));
  }

  private ChainContext contextFor(StoredBlock parent, VotingState parentVoting) {
    List<Address> inForce = parentVoting.authorities();
    return new ParentContext(params, genesis.hash(), parent.hash(), parent.block().header(), inForce,
        recentMiners(parent, params.recentWindow(inForce.size())), clock.millis());
  }

  /**
   * The authority set and tally after a stored block (SPEC 7.1), canonical or not: from memory for
   * the blocks within reach of a reorg, else recomputed from the last checkpoint before it (reading
   * the blocks between from the store).
   *
   * @throws StoreException if the store lacks an ancestor or is damaged
   */
  public VotingState votingAfter(StoredBlock block) {
    ChainHead current = head;
    if (block.hash().equals(current.hash())) {
      return current.voting();
    }
    return voting.after(block, this::block);
  }

  /** The miners of the {@code window} blocks up to and including {@code parent}, newest first, genesis excluded. */
  private List<Address> recentMiners(StoredBlock parent, long window) {
    List<Address> out = new ArrayList<>();
    StoredBlock b = parent;
    while (out.size() < window && b.number() > 0) {
      out.add(b.block().header().miner());
      if (out.size() < window) { // reading a block means decoding it: read only the ancestors needed
        Hash ph = b.parentHash();
        b = block(ph, head).orElseThrow(() -> new StoreException("ancestor " + ph + " missing from the store"));
      }
    }
    return out;
  }

  /** A stored block, taken from {@code current} when it is that head (most blocks build on the head). */
  private Optional<StoredBlock> block(Hash hash, ChainHead current) {
    return hash.equals(current.hash()) ? Optional.of(current.stored()) : block(hash);
  }

  // ---- listeners ----------------------------------------------------------------------------

  public Subscription onNewHead(Executor executor, NewHeadListener listener) {
    return newHeadListeners.add(executor, listener::onNewHead);
  }

  public Subscription onNewHead(NewHeadListener listener) {
    return newHeadListeners.add(listener::onNewHead);
  }

  public Subscription onReorg(Executor executor, ReorgListener listener) {
    return reorgListeners.add(executor, listener::onReorg);
  }

  public Subscription onReorg(ReorgListener listener) {
    return reorgListeners.add(listener::onReorg);
  }

  /** Called when the set in force after the canonical head changes (version 2 networks only). */
  public Subscription onAuthoritiesChanged(Executor executor, AuthoritiesListener listener) {
    return authoritiesListeners.add(executor, listener::onAuthoritiesChanged);
  }

  public Subscription onAuthoritiesChanged(AuthoritiesListener listener) {
    return authoritiesListeners.add(listener::onAuthoritiesChanged);
  }

  // ---- import -------------------------------------------------------------------------------

  /** Validates and imports {@code block}; see {@link ImportResult.Status} for the outcomes. */
  public ImportResult importBlock(Block block) {
    Hash hash = Hashes.blockHash(block.sealedHeader());
    if (recentBlocks.getIfPresent(hash) != null) {
      // A block relayed again by other peers: answered without hashing its transactions or
      // waiting for the import lock (a stored block stays stored).
      return ImportResult.of(ImportResult.Status.ALREADY_KNOWN, hash);
    }
    return importCandidate(Hashes.candidate(block));
  }

  /**
   * Imports a block this node produced, calling {@code whenValid} with it as soon as the block is
   * found valid on top of the head and before it is committed to the store, so that it can be sent
   * to peers while the store commits it; on the head it extends, under the import lock (so keep it
   * short). A block that does not extend the head (a side branch, a reorganisation) or is not valid
   * is imported as by {@link #importBlock}, without the call.
   */
  public ImportResult importOwn(Block block, Consumer<Block> whenValid) {
    return importOwn(block, whenValid, null);
  }

  /**
   * As {@link #importOwn(Block, Consumer)}, reusing {@code executed}, the execution its assembly
   * made, when the block still extends the head that execution started from (see
   * {@link BlockExecutor#reuse}); otherwise, or when {@code executed} is null, the block is
   * executed as any other.
   */
  public ImportResult importOwn(Block block, Consumer<Block> whenValid, BlockExecutor.Executed executed) {
    BlockCandidate c = Hashes.candidate(block);
    List<Runnable> events = new ArrayList<>();
    ImportResult result;
    lock.lock();
    try {
      beforeCommit = new BeforeCommit(c, whenValid, executed);
      try {
        result = importLocked(c, events);
      } finally {
        beforeCommit = null;
      }
      if (result.status() == ImportResult.Status.IMPORTED) {
        importOrphansOf(c.hash(), events);
      }
    } finally {
      lock.unlock();
    }
    if (result.status() == ImportResult.Status.IMPORTED) {
      flushOwn(result);
    }
    events.forEach(Runnable::run);
    return result;
  }

  /**
   * Waits, outside the import lock, until this node's own block is written (a store that writes
   * behind its callers queues it; see {@link ChainStore#flush}), so that a validator's own blocks
   * are written before {@code importOwn} returns with or without such a store (a block lost in a
   * crash comes back from the peers by sync; the signed height keeps the validator from sealing a
   * second block at its number).
   */
  private void flushOwn(ImportResult result) {
    try {
      store.flush();
    } catch (StoreException e) {
      recordStoreFailure("writing own block " + result.blockHash() + " failed: " + e.getMessage());
    }
  }

  /**
   * The call {@link #importOwn} asked for before its block's commit, and the execution its
   * assembly made (null: none).
   */
  private record BeforeCommit(BlockCandidate candidate, Consumer<Block> call, BlockExecutor.Executed executed) {}

  /** As {@link #importBlock}, for a block whose derived values were computed already. */
  public ImportResult importCandidate(BlockCandidate c) {
    List<Runnable> events = new ArrayList<>();
    ImportResult result;
    lock.lock();
    try {
      result = importLocked(c, events);
      if (result.status() == ImportResult.Status.IMPORTED) {
        importOrphansOf(c.hash(), events);
      }
    } finally {
      lock.unlock();
    }
    events.forEach(Runnable::run);
    return result;
  }

  /**
   * Retries the blocks in the future pool that the clock has reached. Call it periodically (the node
   * does, every few hundred milliseconds).
   *
   * @return the results of the retried blocks
   */
  public List<ImportResult> retryFutureBlocks() {
    List<BlockCandidate> due;
    lock.lock();
    try {
      due = future.takeDue(clock.millis() + params.maxDriftMs());
    } finally {
      lock.unlock();
    }
    List<ImportResult> results = new ArrayList<>();
    for (BlockCandidate c : due) {
      results.add(importCandidate(c));
    }
    return results;
  }

  private void importOrphansOf(Hash parent, List<Runnable> events) {
    Deque<Hash> parents = new ArrayDeque<>();
    parents.add(parent);
    while (!parents.isEmpty()) {
      for (BlockCandidate child : orphans.takeChildren(parents.poll())) {
        ImportResult r = importLocked(child, events);
        LOG.debug("orphan {} #{}: {}", child.hash(), child.header().number(), r);
        if (r.status() == ImportResult.Status.IMPORTED) {
          parents.add(child.hash());
        }
      }
    }
  }

  private ImportResult importLocked(BlockCandidate c, List<Runnable> events) {
    if (storeFailure != null) {
      throw new StoreException("importing stopped after a store failure: " + storeFailure);
    }
    Hash hash = c.hash();
    BlockHeader h = c.header();
    if (block(hash).isPresent() || hash.equals(genesis.hash())) {
      return ImportResult.of(ImportResult.Status.ALREADY_KNOWN, hash);
    }
    ValidationResult knownBad = invalid.getIfPresent(hash);
    if (knownBad != null) {
      return ImportResult.invalid(hash, knownBad);
    }
    // The block hash covers the header only: a body that does not match the header's tx root says
    // nothing about the block with this hash, so it is refused without being remembered (otherwise
    // anyone could poison an honest block by sending its header with another body first).
    Hash txRoot = TxRoot.of(c.txHashes());
    if (!txRoot.equals(h.txRoot())) {
      return ImportResult.invalid(hash, ValidationResult.invalid(BlockExecutor.TX_ROOT,
          "tx root " + h.txRoot() + " does not match the transactions' " + txRoot));
    }
    long now = clock.millis();
    ValidationResult r = rules.validateParentFree(c, ParentContext.parentFree(params, genesis.hash(), now));
    if (!r.isValid()) {
      return rejected(c, r);
    }
    ValidationResult badParent = invalid.getIfPresent(h.parentHash());
    if (badParent != null) {
      return rejected(c, ValidationResult.invalid("parent", "the parent block " + h.parentHash() + " is invalid"));
    }
    Optional<StoredBlock> parentOpt = block(h.parentHash(), head);
    if (parentOpt.isEmpty()) {
      if (orphans.contains(hash)) {
        return ImportResult.of(ImportResult.Status.ALREADY_KNOWN, hash);
      }
      orphans.add(c);
      return ImportResult.of(ImportResult.Status.ORPHAN, hash);
    }
    StoredBlock parent = parentOpt.get();
    VotingState parentVoting = votingAfter(parent);
    if (h.timestamp() > now + params.maxDriftMs()) {
      // SPEC 7: a block ahead of the clock waits only if it passes items 1-3; on a version 2
      // network item 2 includes the set in force and the vote, known now that the parent is
      if (params.votingEnabled()) {
        if (!parentVoting.isAuthority(h.miner())) {
          return rejected(c, ValidationResult.invalid("authority",
              "miner " + h.miner() + " is not in the authority set in force at #" + h.number()));
        }
        Optional<String> badVote = parentVoting.voteError(h.number(), h.vote(), params.epoch());
        if (badVote.isPresent()) {
          return rejected(c, ValidationResult.invalid("vote", badVote.get()));
        }
      }
      if (h.timestamp() <= now + config.maxFutureMs()) {
        future.add(c);
      } else {
        LOG.info("dropped block {} #{}: {} ms ahead of the clock", hash, h.number(), h.timestamp() - now);
      }
      return ImportResult.of(ImportResult.Status.FUTURE, hash);
    }
    ChainHead current = head;
    if (parent.number() + config.maxReorgDepth() < current.number()) {
      LOG.info("ignored block {} #{}: its parent is more than {} blocks below the head", hash, h.number(), config.maxReorgDepth());
      return ImportResult.of(ImportResult.Status.IGNORED, hash);
    }
    r = rules.validate(c, contextFor(parent, parentVoting));
    if (!r.isValid()) {
      return rejected(c, r);
    }
    VotingState after = parentVoting;
    if (params.votingEnabled()) {
      try {
        after = parentVoting.next(h.number(), h.miner(), h.vote(), params.epoch());
      } catch (IllegalArgumentException badVote) { // the vote rule refuses these first
        return rejected(c, ValidationResult.invalid("vote", badVote.getMessage()));
      }
    }
    noteEquivocation(c);
    int rank = Ranks.rank(parentVoting.authorities(), parent.block().header(), h.miner());
    StoredBlock stored = new StoredBlock(c.block(), hash, parent.totalWeight() + Ranks.weight(rank));

    if (parent.hash().equals(current.hash())) {
      return extendHead(c, stored, after, current, events);
    }
    return importOnSideBranch(c, stored, after, current, events);
  }

  /** A batch that stores {@code stored}, whose voting state is {@code after}. */
  private WriteBatch.Builder storing(StoredBlock stored, VotingState after) {
    WriteBatch.Builder b = WriteBatch.builder().putBlock(stored);
    voting.record(stored, after, b);
    return b;
  }

  /** Queues an {@link AuthoritiesChangedEvent} when the set in force after the head changed. */
  private void noteSetChange(ChainHead before, ChainHead after, List<Runnable> events) {
    List<Address> was = before.voting().authorities();
    List<Address> now = after.voting().authorities();
    if (was.equals(now)) {
      return;
    }
    List<Address> added = now.stream().filter(a -> !was.contains(a)).toList();
    List<Address> removed = was.stream().filter(a -> !now.contains(a)).toList();
    AuthoritiesChangedEvent e = new AuthoritiesChangedEvent(after.number(), after.hash(), now, added, removed);
    LOG.info("authority set after #{} {}: {} (added {}, removed {})", after.number(), after.hash(), now, added, removed);
    events.add(() -> authoritiesListeners.fire(e));
  }

  private ImportResult rejected(BlockCandidate c, ValidationResult why) {
    invalid.put(c.hash(), why);
    LOG.debug("rejected block {} #{}: {}", c.hash(), c.header().number(), why);
    return ImportResult.invalid(c.hash(), why);
  }

  private void noteEquivocation(BlockCandidate c) {
    BlockHeader h = c.header();
    long floor = head.number() - config.maxReorgDepth();
    firstSeen.keySet().removeIf(n -> n < floor);
    Hash first = firstSeen.computeIfAbsent(h.number(), n -> new HashMap<>()).putIfAbsent(h.miner(), c.hash());
    if (first != null && !first.equals(c.hash())) {
      equivocating.put(c.hash(), Boolean.TRUE);
      BlockHeader firstHeader = block(first).map(b -> b.block().header()).orElse(h);
      Equivocation e = new Equivocation(first, firstHeader, c.hash(), h);
      evidence.add(e);
      LOG.warn("{}: first header {}, second header {}", e, firstHeader, h);
    }
  }

  private ImportResult extendHead(BlockCandidate c, StoredBlock stored, VotingState after, ChainHead current, List<Runnable> events) {
    BeforeCommit call = beforeCommit != null && beforeCommit.candidate() == c ? beforeCommit : null;
    BlockExecutor.Execution exec = (call == null || call.executed() == null
        ? Optional.<BlockExecutor.Execution>empty()
        : executor.reuse(call.executed(), current.state(), c))
        .orElseGet(() -> executor.execute(current.state(), c));
    if (!exec.isValid()) {
      return rejected(c, exec.result());
    }
    WriteBatch.Builder b = storing(stored, after);
    addCanonical(b, stored, c.txHashes(), exec.state());
    exec.state().changed().forEach(b::putAccount);
    pruneUndo(b, current.number(), stored.number(), current.number());
    b.setHead(stored.hash());
    if (call != null) {
      call.call().accept(c.block());
    }
    commit(b.build());
    ChainHead next = new ChainHead(stored, exec.state().tree(), after);
    head = next;
    voting.prune(stored.number());
    events.add(() -> newHeadListeners.fire(new NewHeadEvent(stored.block(), stored.hash(), stored.totalWeight())));
    noteSetChange(current, next, events);
    LOG.debug("new head #{} {} ({} txs)", stored.number(), stored.hash(), c.block().transactions().size());
    return ImportResult.of(ImportResult.Status.IMPORTED, stored.hash());
  }

  /** Index entries of one block joining the canonical chain, and its undo record when kept. */
  private void addCanonical(WriteBatch.Builder b, StoredBlock block, List<Hash> txHashes, WorkingState state) {
    b.setCanonical(block.number(), block.hash());
    for (int i = 0; i < txHashes.size(); i++) {
      b.putTransaction(txHashes.get(i), new TxLocation(block.hash(), block.number(), i));
    }
    AccountTxIndex.add(b, block, txHashes);
    b.putUndo(new BlockUndo(block.hash(), state.previous()));
  }

  /**
   * Removes the undo records that fall out of the reorg window when the head moves from
   * {@code oldHead} to {@code newHead} ({@code commonUpTo}: canonical numbers unchanged by this batch).
   */
  private void pruneUndo(WriteBatch.Builder b, long oldHead, long newHead, long commonUpTo) {
    long from = Math.max(1, oldHead - config.maxReorgDepth() + 1);
    long to = newHead - config.maxReorgDepth();
    for (long n = from; n <= to && n <= commonUpTo; n++) {
      store.canonicalHash(n).ifPresent(b::removeUndo);
    }
  }

  private ImportResult importOnSideBranch(BlockCandidate c, StoredBlock stored, VotingState after, ChainHead current,
      List<Runnable> events) {
    int cmp = Long.compare(stored.totalWeight(), current.totalWeight());
    if (cmp < 0) {
      commit(storing(stored, after).build());
      return ImportResult.of(ImportResult.Status.IMPORTED, stored.hash());
    }
    // Walk the new branch down to the canonical chain.
    List<StoredBlock> branch = new ArrayList<>();
    branch.add(stored);
    StoredBlock cursor = block(stored.parentHash()).orElseThrow();
    while (!isCanonical(cursor.hash(), cursor.number())) {
      branch.add(cursor);
      Hash ph = cursor.parentHash();
      cursor = block(ph).orElseThrow(() -> new StoreException("ancestor " + ph + " missing from the store"));
    }
    Collections.reverse(branch);
    StoredBlock ancestor = cursor;
    if (cmp == 0 && !winsTie(ancestor, branch.get(0))) {
      commit(storing(stored, after).build());
      return ImportResult.of(ImportResult.Status.IMPORTED, stored.hash());
    }
    long dropping = current.number() - ancestor.number();
    if (dropping > config.maxReorgDepth()) {
      reorgRefused = true;
      LOG.warn("refused a reorg dropping {} blocks (max_reorg_depth {}): kept head #{} {}, heavier branch ends in {}",
          dropping, config.maxReorgDepth(), current.number(), current.hash(), stored.hash());
      commit(storing(stored, after).build());
      return ImportResult.of(ImportResult.Status.IMPORTED, stored.hash());
    }
    return reorg(c, stored, after, current, ancestor, branch, events);
  }

  /** On equal weight, the branch whose first block after the fork has the lower rank wins; same miner: keep. */
  private boolean winsTie(StoredBlock ancestor, StoredBlock firstOfNew) {
    BlockHeader a = ancestor.block().header();
    StoredBlock firstOfOld = blockAt(ancestor.number() + 1).orElse(null);
    if (firstOfOld == null) {
      return false;
    }
    List<Address> inForce = votingAfter(ancestor).authorities();
    int newRank = Ranks.rank(inForce, a, firstOfNew.block().header().miner());
    int oldRank = Ranks.rank(inForce, a, firstOfOld.block().header().miner());
    return newRank < oldRank;
  }

  private ImportResult reorg(BlockCandidate c, StoredBlock stored, VotingState after, ChainHead current, StoredBlock ancestor,
      List<StoredBlock> branch, List<Runnable> events) {
    // Roll the state back to the fork point with the undo records.
    List<StoredBlock> dropped = new ArrayList<>();
    WorkingState rollback = new WorkingState(current.state());
    for (long n = current.number(); n > ancestor.number(); n--) {
      long number = n;
      StoredBlock b = blockAt(n).orElseThrow(() -> new StoreException("canonical block #" + number + " missing"));
      BlockUndo undo = store.undo(b.hash()).orElseThrow(() -> new StoreException("undo record of #" + number + " " + b.hash() + " missing"));
      undo.previous().forEach(rollback::put);
      dropped.add(b);
    }
    if (!rollback.root().equals(ancestor.block().header().stateRoot())) {
      throw new StoreException("rolling back to #" + ancestor.number() + " gave state root " + rollback.root()
          + ", expected " + ancestor.block().header().stateRoot());
    }
    // Take the dropped blocks off the canonical indexes; the new branch's entries, added after,
    // win for transactions that are in both branches.
    WriteBatch.Builder b = storing(stored, after);
    for (StoredBlock d : dropped) {
      if (d.number() > stored.number()) {
        b.removeCanonical(d.number());
      }
      b.removeUndo(d.hash());
      for (Transaction tx : d.block().transactions()) {
        b.removeTransaction(Hashes.txHash(tx));
      }
      AccountTxIndex.remove(b, d);
    }
    // Execute the new branch, each block on a working state of its own for its undo record.
    Map<Address, Account> touched = new LinkedHashMap<>(rollback.changed());
    StateTree state = rollback.tree();
    List<Hash> added = new ArrayList<>();
    for (StoredBlock blk : branch) {
      BlockCandidate bc = blk == stored ? c : Hashes.candidate(blk.block());
      BlockExecutor.Execution exec = executor.execute(state, bc);
      if (!exec.isValid()) {
        ImportResult bad = rejected(bc, exec.result());
        LOG.info("reorg to {} abandoned: block #{} {} is invalid: {}", stored.hash(), blk.number(), blk.hash(), exec.result());
        return bc == c ? bad : rejected(c, ValidationResult.invalid("parent", "ancestor " + bc.hash() + " is invalid: " + exec.result()));
      }
      addCanonical(b, blk, bc.txHashes(), exec.state());
      touched.putAll(exec.state().changed());
      state = exec.state().tree();
      added.add(blk.hash());
    }
    for (Address a : touched.keySet()) {
      b.putAccount(a, state.get(a));
    }
    pruneUndo(b, current.number(), stored.number(), ancestor.number());
    b.setHead(stored.hash());
    commit(b.build());
    ChainHead next = new ChainHead(stored, state, after);
    head = next;
    voting.prune(stored.number());
    List<Hash> droppedHashes = dropped.stream().map(StoredBlock::hash).toList();
    LOG.info("reorg: dropped {} block(s), added {}; new head #{} {} (common ancestor #{} {})",
        dropped.size(), added.size(), stored.number(), stored.hash(), ancestor.number(), ancestor.hash());
    ReorgEvent reorgEvent = new ReorgEvent(current.hash(), stored.hash(), ancestor.hash(), droppedHashes, added);
    events.add(() -> reorgListeners.fire(reorgEvent));
    events.add(() -> newHeadListeners.fire(new NewHeadEvent(stored.block(), stored.hash(), stored.totalWeight())));
    noteSetChange(current, next, events);
    return ImportResult.of(ImportResult.Status.IMPORTED, stored.hash());
  }
}
