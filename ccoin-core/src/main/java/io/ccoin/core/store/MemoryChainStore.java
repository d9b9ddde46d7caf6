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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A {@link ChainStore} in hash maps on the heap, for tests, simulations and nodes that can afford
 * to sync again: it keeps nothing across restarts, and {@link #commit} returning means only that
 * later reads see the batch.
 *
 * <p><b>Threads.</b> Thread-safe. Reads share a read lock and run concurrently with each other;
 * {@link #commit} checks and applies a batch under the write lock, so a reader sees the state before
 * the batch or after it, never between. {@link #forEachAccount} copies the accounts under the read
 * lock and calls the action after releasing it, so the action sees one consistent state and may
 * itself read or commit.
 *
 * <p><b>Checks.</b> Before applying anything, {@link #commit} runs {@link WriteBatchChecks#check}:
 * a batch whose head, canonical entry, transaction location or undo record points to a block that
 * is neither stored nor in the batch (or to a block with another number, or to a transaction index
 * the block does not have) is refused with a {@link StoreException}, and the store is unchanged.
 *
 * <p><b>Close.</b> After {@link #close}, which is idempotent and drops all data, every read and
 * commit throws {@link StoreException}.
 */
public final class MemoryChainStore implements ChainStore {
  private final Lock readLock;
  private final Lock writeLock;

  // All guarded by the lock: read under readLock, written under writeLock.
  private final Map<Hash, StoredBlock> blocks = new HashMap<>();
  private final Map<Long, Hash> canonical = new HashMap<>();
  private final Map<Hash, TxLocation> transactions = new HashMap<>();
  private final Map<Address, Account> accounts = new HashMap<>();
  /**
   * The address index, per address by block number and index: a block's 2,000 entries go into small
   * maps found by hash, rather than one tree over every address (whose comparisons, a cache miss
   * each, were a quarter of a whole in-memory import of a 1,000-transfer block).
   */
  private final Map<Address, TreeMap<AccountTx.Key, Hash>> accountTxs = new HashMap<>();
  private static final Comparator<AccountTx.Key> BY_POSITION =
      Comparator.comparingLong(AccountTx.Key::blockNumber).thenComparingInt(AccountTx.Key::index);
  private final Map<Hash, BlockUndo> undo = new HashMap<>();
  private final Map<String, Bytes> metadata = new HashMap<>();
  private Hash head;
  private boolean closed;

  /** An empty, open store. */
  public MemoryChainStore() {
    ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    readLock = lock.readLock();
    writeLock = lock.writeLock();
  }

  @Override
  public Optional<StoredBlock> block(Hash hash) {
    Objects.requireNonNull(hash, "hash");
    return read(() -> Optional.ofNullable(blocks.get(hash)));
  }

  @Override
  public Optional<Hash> canonicalHash(long number) {
    return read(() -> Optional.ofNullable(canonical.get(number)));
  }

  @Override
  public Optional<TxLocation> transaction(Hash txHash) {
    Objects.requireNonNull(txHash, "txHash");
    return read(() -> Optional.ofNullable(transactions.get(txHash)));
  }

  @Override
  public Optional<Account> account(Address address) {
    Objects.requireNonNull(address, "address");
    return read(() -> Optional.ofNullable(accounts.get(address)));
  }

  @Override
  public List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit) {
    AccountTx.Key before = AccountTxQuery.check(address, beforeNumber, beforeIndex, limit);
    return read(() -> {
      List<AccountTx> out = new ArrayList<>();
      TreeMap<AccountTx.Key, Hash> entries = accountTxs.get(address);
      if (entries == null) {
        return out;
      }
      for (Map.Entry<AccountTx.Key, Hash> e : entries.headMap(before, false).descendingMap().entrySet()) {
        AccountTx.Key k = e.getKey();
        if (out.size() == limit) {
          break;
        }
        out.add(new AccountTx(address, k.blockNumber(), k.index(), e.getValue()));
      }
      return out;
    });
  }

  /** Calls {@code action} outside the lock, over a copy of the accounts taken atomically. */
  @Override
  public void forEachAccount(BiConsumer<Address, Account> action) {
    Objects.requireNonNull(action, "action");
    Map<Address, Account> snapshot = read(() -> Map.copyOf(accounts));
    snapshot.forEach(action);
  }

  @Override
  public Optional<BlockUndo> undo(Hash blockHash) {
    Objects.requireNonNull(blockHash, "blockHash");
    return read(() -> Optional.ofNullable(undo.get(blockHash)));
  }

  @Override
  public Optional<Hash> head() {
    return read(() -> Optional.ofNullable(head));
  }

  @Override
  public Optional<Bytes> metadata(String key) {
    Objects.requireNonNull(key, "key");
    return read(() -> Optional.ofNullable(metadata.get(key)));
  }

  /**
   * Checks {@code batch} with {@link WriteBatchChecks} and applies it under the write lock.
   *
   * @throws StoreException if the store is closed or the batch is refused; the store is unchanged
   */
  @Override
  public void commit(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    writeLock.lock();
    try {
      ensureOpen();
      WriteBatchChecks.check(batch, hash -> Optional.ofNullable(blocks.get(hash)));
      apply(batch);
    } finally {
      writeLock.unlock();
    }
  }

  // Only map updates from here on: nothing can fail half-way once the checks have passed.
  private void apply(WriteBatch batch) {
    for (StoredBlock b : batch.blocks()) {
      blocks.put(b.hash(), b);
    }
    batch.canonical().forEach((number, hash) -> {
      if (hash.isPresent()) {
        canonical.put(number, hash.get());
      } else {
        canonical.remove(number);
      }
    });
    batch.transactions().forEach((txHash, location) -> {
      if (location.isPresent()) {
        transactions.put(txHash, location.get());
      } else {
        transactions.remove(txHash);
      }
    });
    batch.accountTxs().forEach((key, tx) -> {
      if (tx.isPresent()) {
        accountTxs.computeIfAbsent(key.address(), a -> new TreeMap<>(BY_POSITION)).put(key, tx.get());
      } else {
        TreeMap<AccountTx.Key, Hash> entries = accountTxs.get(key.address());
        if (entries != null && entries.remove(key) != null && entries.isEmpty()) {
          accountTxs.remove(key.address());
        }
      }
    });
    batch.accounts().forEach((address, account) -> {
      if (account.isEmpty()) {
        accounts.remove(address);
      } else {
        accounts.put(address, account);
      }
    });
    for (Hash h : batch.undoRemovals()) {
      undo.remove(h);
    }
    for (BlockUndo u : batch.undoPuts()) {
      undo.put(u.blockHash(), u);
    }
    batch.head().ifPresent(h -> head = h);
    metadata.putAll(batch.metadata());
  }

  /** Drops all data; later calls throw {@link StoreException}. Idempotent. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (!closed) {
        closed = true;
        blocks.clear();
        canonical.clear();
        transactions.clear();
        accounts.clear();
        accountTxs.clear();
        undo.clear();
        metadata.clear();
        head = null;
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    readLock.lock();
    try {
      return closed ? "MemoryChainStore{closed}"
          : "MemoryChainStore{blocks=" + blocks.size() + ", accounts=" + accounts.size() + ", head=" + head + "}";
    } finally {
      readLock.unlock();
    }
  }

  private <T> T read(Supplier<T> query) {
    readLock.lock();
    try {
      ensureOpen();
      return query.get();
    } finally {
      readLock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the memory chain store is closed");
    }
  }
}
