package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.DroppedTx;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.pool.PoolError;
import io.ccoin.core.pool.PoolStats;
import io.ccoin.core.pool.ReplacementFee;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxAddedListener;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.api.event.TxDroppedListener;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.internal.state.TxVerifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The transaction pool (SPEC 8): pending transactions checked against the head state, bounded in
 * count, bytes and per sender, from which block production takes the best ready ones.
 *
 * <p>Admission runs the stateless checks of {@link TxVerifier} (chain id, key, signature, data size,
 * minimum fee; a signature is verified once per transaction hash and remembered by the verifier),
 * then requires {@code accountNonce <= nonce < accountNonce + maxNonceGap}, that the sender can pay
 * this transaction after its pending ones with lower nonces, and, for a second transaction with the
 * same sender and nonce, a fee of at least {@link ReplacementFee#minimum}. A transaction that
 * leaves the sender's later pending transactions unaffordable drops them ({@link Reason#UNAFFORDABLE}).
 * When the pool is full it evicts future transactions (behind a nonce gap) first, then the lowest
 * fee; a transaction that would itself be the first to go is refused with
 * {@link PoolError#POOL_FULL}. Affordability is judged conservatively: a transfer to oneself and
 * incoming transfers are not counted.
 *
 * <p>The nonce window applies at admission only. An accepted transaction leaves the pool only when
 * it is included, becomes invalid against a new head's state (its nonce was used by another
 * transaction, or its sender can no longer pay), is replaced, or is evicted for room; never because
 * a reorganisation lowered its sender's nonce. The pool has no expiry (docs/DECISIONS.md). Every
 * departure is a {@link io.ccoin.api.event.TxDroppedEvent}; every one but inclusion is also logged
 * and remembered for an hour ({@link #dropped}).
 *
 * <p>Thread-safe. One lock guards the contents; signatures are checked outside it, on all cores in
 * {@link #addAll}. Listeners are called after the lock is released, one event at a time in the
 * order the pool changed. Without concurrent calls, a call that changes the pool returns after its
 * events were handed to the listeners' executors; when another thread is delivering events at that
 * moment, that thread delivers them instead (so a listener registered without an executor may run
 * on another thread that called the pool). Listeners must be fast and must not throw.
 */
public final class TxPool {
  private final TxVerifier verifier;
  private final PoolConfig config;
  private final Admission admission;
  private final PoolEvents events = new PoolEvents();
  private final Object lock = new Object();
  private final PoolContents contents = new PoolContents();
  private final DroppedTxs drops;
  private AccountReader head;
  /** The hash of the block after which {@link #head} is the state, when known; null otherwise. */
  private Hash followed;
  private long nextSeq;

  /**
   * A pool checking transactions with {@code verifier} against {@code head}, the head state until
   * the first {@link #onNewHead}; {@code clock} stamps and ages its {@link #dropped} record.
   */
  public TxPool(TxVerifier verifier, AccountReader head, PoolConfig config, Clock clock) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.head = Objects.requireNonNull(head, "head");
    this.config = Objects.requireNonNull(config, "config");
    this.admission = new Admission(config);
    this.drops = new DroppedTxs(Objects.requireNonNull(clock, "clock"));
  }

  /** A pool on the system clock. */
  public TxPool(TxVerifier verifier, AccountReader head, PoolConfig config) {
    this(verifier, head, config, Clock.systemUTC());
  }

  /** A pool with the {@link PoolConfig#DEFAULT} bounds. */
  public TxPool(TxVerifier verifier, AccountReader head) {
    this(verifier, head, PoolConfig.DEFAULT);
  }

  public PoolConfig config() {
    return config;
  }

  /** Submits one transaction. Never throws for a bad transaction: the result says what happened. */
  public AddResult add(Transaction tx) {
    Candidate c = Candidate.of(tx);
    if (contains(c.hash())) {
      return AddResult.alreadyKnown(c.hash());
    }
    ValidationResult verdict = verifier.verify(tx, c.hash());
    AddResult result;
    synchronized (lock) {
      result = admit(c, verdict, true);
    }
    events.deliver();
    return result;
  }

  /**
   * Submits transactions in order, after checking their signatures in parallel on all cores; the
   * results are in the same order.
   */
  public List<AddResult> addAll(List<Transaction> txs) {
    List<Candidate> candidates = prepare(txs);
    List<AddResult> results = new ArrayList<>(txs.size());
    synchronized (lock) {
      for (Candidate c : candidates) {
        results.add(admit(c, c.verdict(), true));
      }
    }
    events.deliver();
    return results;
  }

  /**
   * The transactions for a block on top of {@code state}: only ready ones (nonces contiguous from
   * the account nonce, each affordable after the sender's earlier ones), highest fee first while
   * keeping each sender's nonce order, at most {@code maxCount} of them and {@code maxBytes}
   * encoded bytes in all. A transaction that does not fit the bytes left is skipped with the rest
   * of its sender's, and smaller ones of other senders may still follow. Leaves the pool unchanged.
   */
  public List<Transaction> select(int maxCount, long maxBytes, AccountReader state) {
    Objects.requireNonNull(state, "state");
    synchronized (lock) {
      return BlockSelection.select(contents, maxCount, maxBytes, state);
    }
  }

  /**
   * Follows a new head. Drops the transactions whose nonce the chain has used, as
   * {@link Reason#INCLUDED} when {@code onChain} says the chain holds that very transaction and
   * {@link Reason#NONCE_USED} when it holds another, and those their sender can no longer pay for in
   * nonce order ({@link Reason#UNAFFORDABLE}); a transaction beyond the nonce window of the new
   * state stays. Then re-admits {@code readmit} (the transactions of blocks a reorganisation took
   * off the chain) that {@code onChain} does not hold, without the nonce window; one that cannot re-enter is a
   * drop with the reason it was refused. {@code newState} is the head state from now on.
   *
   * <p>Every sender in the pool is re-checked against {@code newState}, and the pool forgets which
   * head it follows (the next {@link #onNewHead(FollowedHead, Collection, Predicate)} re-checks
   * everyone too).
   *
   * @param onChain whether the canonical chain of the new head holds a transaction (by hash)
   */
  public void onNewHead(AccountReader newState, Collection<Transaction> readmit, Predicate<Hash> onChain) {
    Objects.requireNonNull(newState, "newState");
    Objects.requireNonNull(onChain, "onChain");
    List<Candidate> candidates = prepare(List.copyOf(readmit));
    synchronized (lock) {
      follow(newState, null, null, candidates, t -> onChain.test(t.hash()));
    }
    events.deliver();
  }

  /**
   * Follows the new head {@code newHead}, as {@link #onNewHead(AccountReader, Collection, Predicate)}
   * does, with the same drops and events in the same order, but re-checking only the senders whose
   * account can have changed where that is known (docs/DECISIONS.md, "The pool's update after a
   * block"): when {@code newHead}'s block extends the head this pool followed last, only the senders
   * of that block's transactions (SPEC 3: applying a block raises its senders' nonces and lowers their
   * balances; recipients and the miner only gain, and a pooled transaction is never held back for
   * want of funds, so a gain changes nothing the pool decides); when it is that very head again,
   * nobody. Otherwise (the first head, a reorganisation, a head several blocks on from the last one
   * the pool saw) every sender.
   *
   * @param onChain whether the canonical chain of the new head holds a transaction (by hash)
   */
  public void onNewHead(FollowedHead newHead, Collection<Transaction> readmit, Predicate<Hash> onChain) {
    Objects.requireNonNull(newHead, "newHead");
    Objects.requireNonNull(onChain, "onChain");
    List<Candidate> candidates = prepare(List.copyOf(readmit));
    Map<SenderNonce, Transaction> inBlock = new HashMap<>();
    for (Transaction tx : newHead.transactions()) {
      inBlock.put(new SenderNonce(PublicKeys.address(tx.publicKey()), tx.nonce()), tx);
    }
    synchronized (lock) {
      Collection<Address> changed = null; // unknown: re-check everyone
      if (newHead.hash().equals(followed)) {
        changed = List.of();
      } else if (newHead.parentHash().equals(followed)) {
        changed = inBlock.keySet().stream().map(SenderNonce::sender).collect(Collectors.toSet());
      }
      follow(newHead.state(), newHead.hash(), changed, candidates, inclusion(inBlock, onChain));
    }
    events.deliver();
  }

  /** A sender and one of its nonces. */
  private record SenderNonce(Address sender, long nonce) {}

  /**
   * Whether the chain holds a pooled transaction whose nonce it has used: the head block answers for
   * the (sender, nonce) pairs it uses (a chain uses each pair once, so the block's transaction at that
   * pair is the one on the chain), without asking {@code onChain} (a store look-up per transaction);
   * {@code onChain} answers for the rest.
   */
  private static Predicate<PooledTx> inclusion(Map<SenderNonce, Transaction> inBlock, Predicate<Hash> onChain) {
    return t -> {
      Transaction mined = inBlock.get(new SenderNonce(t.sender(), t.nonce()));
      return mined != null ? mined.equals(t.tx()) : onChain.test(t.hash());
    };
  }

  /**
   * Makes {@code newState} (the state after the block {@code newHash}, null when unknown) the head
   * state, re-checks the senders in {@code changed} that have pending transactions (every sender
   * when null), in address order for a deterministic order of events, then re-admits
   * {@code readmit}. Holds the lock.
   */
  private void follow(AccountReader newState, Hash newHash, Collection<Address> changed, List<Candidate> readmit,
      Predicate<PooledTx> onChain) {
    head = newState;
    followed = newHash;
    List<Address> senders;
    if (changed == null) {
      senders = contents.senders();
    } else {
      senders = new ArrayList<>(changed.size());
      for (Address a : changed) {
        if (contents.sender(a) != null) {
          senders.add(a);
        }
      }
    }
    senders.sort(null); // a deterministic order of events
    for (Address sender : senders) {
      revalidate(sender, newState.account(sender), onChain);
    }
    for (Candidate c : readmit) {
      if (onChain.test(c.pooled(-1))) {
        continue; // the new branch holds it too
      }
      AddResult r = admit(c, c.verdict(), false);
      if (r.isRejected()) {
        drop(c.pooled(nextSeq++), readmissionFailure(r.error().orElseThrow()));
      }
    }
  }

  /** Why a transaction a reorganisation returned could not re-enter the pool. */
  private static Reason readmissionFailure(PoolError error) {
    return switch (error) {
      case NONCE_TOO_LOW -> Reason.NONCE_USED;
      case INSUFFICIENT_FUNDS -> Reason.UNAFFORDABLE;
      case REPLACEMENT_UNDERPRICED -> Reason.REPLACED;
      case POOL_FULL -> Reason.EVICTED;
      default -> Reason.INVALID;
    };
  }

  /**
   * The drop of a transaction this pool accepted and dropped within the last hour (every reason but
   * {@link Reason#INCLUDED}), unless a flood of drops pushed it out early: the record keeps at most
   * 100,000 drops and 64 MiB of transactions, oldest out first.
   */
  /**
   * The head this pool last followed ({@link #onNewHead(FollowedHead, Collection, Predicate)}), or
   * empty when it follows none it knows by hash (it was made, or last followed a bare state).
   */
  public Optional<Hash> followedHead() {
    synchronized (lock) {
      return Optional.ofNullable(followed);
    }
  }

  public Optional<DroppedTx> dropped(Hash hash) {
    synchronized (lock) {
      return drops.get(hash);
    }
  }

  /** The pending transaction with this hash. */
  public Optional<Transaction> get(Hash hash) {
    synchronized (lock) {
      PooledTx t = contents.get(hash);
      return t == null ? Optional.empty() : Optional.of(t.tx());
    }
  }

  public boolean contains(Hash hash) {
    synchronized (lock) {
      return contents.contains(hash);
    }
  }

  /** The sender's next nonce counting its pending transactions contiguous from its account nonce. */
  public long pendingNonce(Address sender) {
    synchronized (lock) {
      long nonce = head.account(sender).nonce();
      SenderTxs txs = contents.sender(sender);
      return txs == null ? nonce : txs.nextNonce(nonce);
    }
  }

  /** Counts and bytes of ready and future transactions. */
  public PoolStats stats() {
    synchronized (lock) {
      return contents.stats();
    }
  }

  /** The number of pending transactions. */
  public int size() {
    synchronized (lock) {
      return contents.size();
    }
  }

  /**
   * How many more transactions the pool can take before it is full (by count, or by bytes at the
   * average size of what it holds), read without the pool's lock: a cheap hint for refusing work
   * early under overload, possibly a moment stale, never negative. A full pool may still take a
   * transaction that pays enough to evict another.
   */
  public int room() {
    int count = contents.publishedSize();
    long bytes = contents.bytes();
    long byCount = (long) config.maxCount() - count;
    long byBytes = count == 0 ? byCount : (config.maxBytes() - bytes) / Math.max(1, bytes / count);
    return (int) Math.max(0, Math.min(byCount, byBytes));
  }

  /** Calls {@code listener} on {@code executor} for each transaction that enters the pool. */
  public Subscription onTxAdded(Executor executor, TxAddedListener listener) {
    return events.onAdded(executor, listener);
  }

  /** Calls {@code listener} on the thread that changed the pool, after the change. */
  public Subscription onTxAdded(TxAddedListener listener) {
    return events.onAdded(listener);
  }

  /** Calls {@code listener} on {@code executor} for each transaction that leaves the pool. */
  public Subscription onTxDropped(Executor executor, TxDroppedListener listener) {
    return events.onDropped(executor, listener);
  }

  /** Calls {@code listener} on the thread that changed the pool, after the change. */
  public Subscription onTxDropped(TxDroppedListener listener) {
    return events.onDropped(listener);
  }

  /** Encodes, hashes and verifies {@code txs}, in parallel; skips verifying what is already pending. */
  private List<Candidate> prepare(List<Transaction> txs) {
    Candidate[] out = new Candidate[txs.size()];
    IntStream.range(0, out.length).parallel().forEach(i -> out[i] = Candidate.of(txs.get(i)));
    boolean[] known = new boolean[out.length];
    synchronized (lock) {
      for (int i = 0; i < out.length; i++) {
        known[i] = contents.contains(out[i].hash());
      }
    }
    IntStream.range(0, out.length).parallel().filter(i -> !known[i])
        .forEach(i -> out[i] = out[i].verified(verifier.verify(out[i].tx(), out[i].hash())));
    return List.of(out);
  }

  /**
   * Admits one candidate; {@code verdict} is its stateless result, or null when not yet checked;
   * {@code windowApplies} is false for a transaction a reorganisation returned. Holds the lock.
   */
  private AddResult admit(Candidate c, ValidationResult verdict, boolean windowApplies) {
    if (contents.contains(c.hash())) {
      return AddResult.alreadyKnown(c.hash());
    }
    ValidationResult stateless = verdict != null ? verdict : verifier.verify(c.tx(), c.hash());
    if (!stateless.isValid()) {
      return AddResult.rejected(c.hash(), PoolError.forVerifierRule(stateless.rule()), stateless.reason());
    }
    Account account = head.account(c.sender());
    PooledTx incoming = c.pooled(nextSeq++);
    Admission.Decision decision = admission.decide(contents, incoming, account, windowApplies);
    if (decision instanceof Admission.Reject r) {
      return AddResult.rejected(c.hash(), r.error(), r.message());
    }
    Admission.Accept a = (Admission.Accept) decision;
    apply(a, account.nonce());
    return a.replaced() != null ? AddResult.replaced(c.hash()) : AddResult.added(c.hash());
  }

  private void apply(Admission.Accept a, long accountNonce) {
    List<Address> touched = new ArrayList<>();
    if (a.replaced() != null) {
      drop(a.replaced(), Reason.REPLACED);
    }
    for (PooledTx t : a.evicted()) {
      drop(t, Reason.EVICTED);
      touched.add(t.sender());
    }
    for (PooledTx t : a.invalidated()) {
      contents.remove(t);
    }
    contents.insert(a.incoming(), accountNonce);
    drops.forget(a.incoming().hash());
    events.added(a.incoming());
    for (PooledTx t : a.invalidated()) {
      recordDrop(t, Reason.UNAFFORDABLE);
    }
    for (Address sender : touched) {
      contents.refresh(sender);
    }
  }

  /**
   * Drops the sender's transactions that {@code account} makes included or invalid; the nonce
   * window is not checked here (SPEC 8: it applies at admission only). Holds the lock.
   */
  private void revalidate(Address sender, Account account, Predicate<PooledTx> onChain) {
    SenderTxs txs = contents.sender(sender);
    txs.accountNonce(account.nonce());
    long spent = 0;
    for (PooledTx t : List.copyOf(txs.inNonceOrder())) {
      if (t.nonce() < account.nonce()) {
        drop(t, onChain.test(t) ? Reason.INCLUDED : Reason.NONCE_USED);
      } else if (SenderTxs.saturatedAdd(spent, t.cost()) > account.balance()) {
        drop(t, Reason.UNAFFORDABLE);
      } else {
        spent += t.cost();
      }
    }
    contents.refresh(sender);
  }

  /** Removes {@code t} (when pending) and records its departure. Holds the lock. */
  private void drop(PooledTx t, Reason reason) {
    contents.remove(t);
    recordDrop(t, reason);
  }

  /** Queues the event of a departure and, for a drop, remembers it. Holds the lock. */
  private void recordDrop(PooledTx t, Reason reason) {
    if (reason.isDrop()) {
      drops.record(t, reason);
    }
    events.dropped(t, reason);
  }

  /** A submitted transaction with its hash, encoded size, sender and (once checked) stateless verdict. */
  private record Candidate(Transaction tx, Hash hash, int size, Address sender, ValidationResult verdict) {
    static Candidate of(Transaction tx) {
      return new Candidate(tx, Hashes.txHash(tx), Codec.encodedSize(tx), PublicKeys.address(tx.publicKey()), null);
    }

    Candidate verified(ValidationResult result) {
      return new Candidate(tx, hash, size, sender, result);
    }

    /** The pooled form; its cost saturates at 2^63-1, which admission refuses as unaffordable. */
    PooledTx pooled(long seq) {
      return new PooledTx(tx, hash, sender, size, SenderTxs.saturatedAdd(tx.value(), tx.fee()), seq);
    }
  }
}
