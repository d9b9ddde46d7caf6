package io.ccoin.core.store;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChainStore} that writes behind its callers: {@link #commit} checks a batch, queues it and
 * returns, and a thread of this store writes the queued batches to the store it wraps, one at a
 * time and in order. A chain importing a block then goes on (a validator builds its own block on
 * it) while the block is written, instead of waiting for the wrapped store's commit.
 *
 * <p><b>Reads see every committed batch</b>, written or queued: a point read ({@link #block},
 * {@link #canonicalHash}, {@link #transaction}, {@link #account}, {@link #undo}, {@link #head},
 * {@link #metadata}) is answered by the newest queued batch that sets or removes its key, else by
 * the wrapped store. {@link #accountTransactions} and {@link #forEachAccount} (a range and a scan)
 * first wait until the batches queued when they were called are written. Each read sees the store
 * before or after a batch, never between.
 *
 * <p><b>Checks.</b> {@code commit} runs {@link WriteBatchChecks} at once, against the written and
 * the queued batches, so a batch pointing at blocks the store does not have is refused by the call
 * that makes it and changes nothing. An empty batch is not queued.
 *
 * <p><b>Durability.</b> A batch is as durable as the wrapped store makes it once the wrapped
 * store's commit of it returns, which is after {@code commit} returned; {@link #flush} waits for
 * that. At most {@code maxQueued} batches wait at a time: {@code commit} blocks while the queue is
 * full (the batch being written counts among them), so a process killed loses at most the last
 * {@code maxQueued} batches (the one being written whole or not at all, as the wrapped store commits
 * it). A chain reopened on such a store
 * starts from an older head and syncs the lost blocks again from its peers. Callers that must not
 * lose a batch (a validator's own block, before it seals the next) call {@link #flush}.
 *
 * <p><b>Failure.</b> When the wrapped store's commit fails, the queued batches after it are dropped,
 * and every later {@code commit} and {@code flush} throws a {@link StoreException} naming the first
 * failure; reads then see the wrapped store, at its last written batch. The failure is thus reported
 * by the next commit or flush after it, not by the commit of the batch that failed.
 *
 * <p><b>Threads.</b> Thread-safe. Starts one daemon thread, named after the wrapped store, which
 * {@link #close} ends after writing every queued batch; {@code close} then closes the wrapped store.
 * Reads take no lock of this class.
 */
public final class WriteBehindChainStore implements ChainStore {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehindChainStore.class);

  private final ChainStore delegate;
  private final int maxQueued;
  private final Thread writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** The batches committed and not yet written, oldest first: replaced whole under {@link #lock}. */
  private volatile List<Queued> queue = List.of();
  private volatile boolean closed;
  // Guarded by lock.
  private long queuedCount;
  private long writtenCount;
  private String failure;

  /**
   * Wraps {@code delegate}, starting the writing thread.
   *
   * @param maxQueued how many committed batches may wait to be written at a time (1 to 64): the
   *     most a crash can lose, and the most blocks held in memory twice
   * @throws IllegalArgumentException if {@code maxQueued} is out of range
   */
  public WriteBehindChainStore(ChainStore delegate, int maxQueued) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (maxQueued < 1 || maxQueued > 64) {
      throw new IllegalArgumentException("maxQueued must be 1 to 64, got " + maxQueued);
    }
    this.maxQueued = maxQueued;
    this.writer = new Thread(this::writeQueued, "ccoin-store-writer " + delegate);
    writer.setDaemon(true);
    writer.start();
  }

  /** The store the batches are written to. */
  public ChainStore delegate() {
    return delegate;
  }

  /** How many committed batches wait to be written (or are being written) now. */
  public int queued() {
    return queue.size();
  }

  /** Why the store refuses commits, if writing a batch failed. */
  public Optional<String> failure() {
    lock.lock();
    try {
      return Optional.ofNullable(failure);
    } finally {
      lock.unlock();
    }
  }

  // ---- commit -----------------------------------------------------------------------------------

  /**
   * Checks {@code batch} and queues it to be written, waiting first while {@code maxQueued} batches
   * wait already. Reads see it when this returns; it is durable once {@link #flush} returns.
   *
   * @throws StoreException if the batch is refused (nothing changes), if the store is closed, or if
   *     writing an earlier batch failed
   */
  @Override
  public void commit(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    lock.lock();
    try {
      while (queue.size() >= maxQueued && failure == null && !closed) {
        changed.awaitUninterruptibly();
      }
      ensureOpen();
      ensureNotFailed();
      WriteBatchChecks.check(batch, this::block);
      if (batch.isEmpty()) {
        return;
      }
      List<Queued> next = new ArrayList<>(queue.size() + 1);
      next.addAll(queue);
      next.add(new Queued(batch, ++queuedCount));
      queue = List.copyOf(next);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns once every batch committed before this call is written to the wrapped store.
   *
   * @throws StoreException if the store is closed, or writing a batch failed (then some committed
   *     batches are not written)
   */
  @Override
  public void flush() {
    awaitWritten();
    lock.lock();
    try {
      ensureNotFailed();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the batches queued now are written, or writing failed; throws if closed. */
  private void awaitWritten() {
    lock.lock();
    try {
      ensureOpen();
      long target = queuedCount;
      while (writtenCount < target && failure == null) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The writing thread: writes the oldest queued batch until the store is closed and the queue empty. */
  private void writeQueued() {
    while (true) {
      Queued next;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return;
        }
        next = queue.get(0);
      } finally {
        lock.unlock();
      }
      String failed = null;
      try {
        delegate.commit(next.batch);
      } catch (RuntimeException | Error e) {
        failed = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        LOG.error("writing a committed batch to {} failed; the {} batch(es) queued after it are dropped and every later commit "
            + "is refused: {}", delegate, queue.size() - 1, failed, e);
      }
      lock.lock();
      try {
        if (failed != null) {
          failure = failed;
          queue = List.of();
        } else {
          queue = List.copyOf(queue.subList(1, queue.size()));
          writtenCount = next.sequence;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  // ---- reads ------------------------------------------------------------------------------------

  @Override
  public Optional<StoredBlock> block(Hash hash) {
    Objects.requireNonNull(hash, "hash");
    return fromQueue(q -> q.blocks.containsKey(hash) ? Optional.of(q.blocks.get(hash)) : null, () -> delegate.block(hash));
  }

  @Override
  public Optional<Hash> canonicalHash(long number) {
    return fromQueue(q -> q.batch.canonical().get(number), () -> delegate.canonicalHash(number));
  }

  @Override
  public Optional<TxLocation> transaction(Hash txHash) {
    Objects.requireNonNull(txHash, "txHash");
    return fromQueue(q -> q.batch.transactions().get(txHash), () -> delegate.transaction(txHash));
  }

  @Override
  public Optional<Account> account(Address address) {
    Objects.requireNonNull(address, "address");
    return fromQueue(q -> {
      Account a = q.batch.accounts().get(address);
      return a == null ? null : a.equals(Account.EMPTY) ? Optional.empty() : Optional.of(a);
    }, () -> delegate.account(address));
  }

  @Override
  public Optional<BlockUndo> undo(Hash blockHash) {
    Objects.requireNonNull(blockHash, "blockHash");
    return fromQueue(q -> q.undoRemovals.contains(blockHash) ? Optional.empty()
        : q.undoPuts.containsKey(blockHash) ? Optional.of(q.undoPuts.get(blockHash)) : null, () -> delegate.undo(blockHash));
  }

  @Override
  public Optional<Hash> head() {
    return fromQueue(q -> q.batch.head().isPresent() ? q.batch.head() : null, delegate::head);
  }

  @Override
  public Optional<Bytes> metadata(String key) {
    Objects.requireNonNull(key, "key");
    return fromQueue(q -> q.batch.metadata().containsKey(key) ? Optional.of(q.batch.metadata().get(key)) : null,
        () -> delegate.metadata(key));
  }

  /** Waits until the batches queued at the call are written, then reads the wrapped store. */
  @Override
  public List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit) {
    AccountTxQuery.check(address, beforeNumber, beforeIndex, limit);
    awaitWritten();
    return delegate.accountTransactions(address, beforeNumber, beforeIndex, limit);
  }

  /** Waits until the batches queued at the call are written, then scans the wrapped store. */
  @Override
  public void forEachAccount(BiConsumer<Address, Account> action) {
    Objects.requireNonNull(action, "action");
    awaitWritten();
    delegate.forEachAccount(action);
  }

  /**
   * The answer of the newest queued batch that has one for a key ({@code inBatch} returns null when
   * a batch does not name the key), else the wrapped store's.
   */
  private <T> Optional<T> fromQueue(Function<Queued, Optional<T>> inBatch, java.util.function.Supplier<Optional<T>> stored) {
    ensureOpen();
    List<Queued> q = queue;
    for (int i = q.size() - 1; i >= 0; i--) {
      Optional<T> answer = inBatch.apply(q.get(i));
      if (answer != null) {
        return answer;
      }
    }
    return stored.get();
  }

  // ---- close --------------------------------------------------------------------------------------

  /**
   * Refuses further calls, writes every queued batch, ends the writing thread and closes the wrapped
   * store. Idempotent. Waits regardless of interrupts (the caller's flag is kept).
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    delegate.close();
  }

  @Override
  public String toString() {
    return "WriteBehindChainStore{" + delegate + ", " + queue.size() + " queued" + (closed ? ", closed" : "") + "}";
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private void ensureOpen() {
    if (closed) {
      throw new StoreException(delegate + ": the store is closed");
    }
  }

  private void ensureNotFailed() {
    if (failure != null) {
      throw new StoreException(delegate + ": refusing to commit: writing an earlier batch failed (" + failure
          + "); the batches committed after it are lost; reopen the store once the cause is fixed");
    }
  }

  /** A committed batch waiting to be written, with lookups its list-shaped parts lack. */
  private static final class Queued {
    final WriteBatch batch;
    final long sequence;
    final Map<Hash, StoredBlock> blocks = new HashMap<>();
    final Map<Hash, BlockUndo> undoPuts = new HashMap<>();
    final Set<Hash> undoRemovals;

    Queued(WriteBatch batch, long sequence) {
      this.batch = batch;
      this.sequence = sequence;
      batch.blocks().forEach(b -> blocks.put(b.hash(), b));
      batch.undoPuts().forEach(u -> undoPuts.put(u.blockHash(), u));
      this.undoRemovals = new HashSet<>(batch.undoRemovals());
    }
  }
}
