package io.ccoin.store.mapdb;

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
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.store.AccountTxQuery;
import io.ccoin.core.store.WriteBatchChecks;
import io.ccoin.store.mapdb.internal.IoFaults;
import io.ccoin.store.mapdb.internal.IoThread;
import io.ccoin.store.mapdb.internal.JournaledVolume;
import io.ccoin.store.mapdb.internal.Records;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChainStore} in one MapDB file, durable across kill -9, power loss and a full disk.
 *
 * <p><b>Files.</b> {@link #open} keeps everything in one directory:
 *
 * <ul>
 *   <li>{@value #STORE_FILE}: the MapDB store (format {@value #FORMAT_VERSION}), with these maps:
 *       {@code blocks} (block hash to total weight and canonical block encoding), {@code canonical}
 *       (number to block hash), {@code transactions} (transaction hash to block hash, number and
 *       index), {@code accounts} (address to balance and nonce, at the head), {@code undo} (block
 *       hash to the accounts' previous state, for the last {@code max_reorg_depth} blocks),
 *       {@code addressIndex} (the address index: address and block number to that address's
 *       entries of the block, index and transaction hash; added, and filled from the canonical
 *       chain, when a store written before it existed is opened, format 1's per-transaction
 *       {@code accountTxs} emptied),
 *       {@code metadata} (the chain's named values) and {@code ccoin} (format version, head, entry
 *       counts). Every value carries a CRC-32C over its map, key and bytes.
 *   <li>{@value #JOURNAL_FILE}: the redo journal of the last commit, which makes it atomic.
 * </ul>
 *
 * <p><b>Atomicity and durability.</b> Each {@link #commit} is one MapDB transaction
 * ({@code StoreWAL}: writes are held back and rolled back on failure) whose single
 * {@code db.commit()} is made atomic and durable by the journal: it is forced to disk before the
 * store file changes and replayed on open if a crash interrupted the in-place writes. When
 * {@code commit} returns, the batch survives any crash; a crash before that leaves the store at the
 * previous batch. Readers never see part of a batch: commits take a write lock, reads a read lock.
 *
 * <p><b>Verified open.</b> {@link #open} checks the format version, that the head block is stored,
 * decodes and hashes to its key, that the canonical index names it at its number, that every
 * account and undo record passes its checksum, that every key of the maps with an entry per block
 * or per account passes its own checksum and that those maps hold as many entries as recorded,
 * and (unless
 * {@link Options#withoutStateRootCheck}) that the accounts' state root equals the head block's. A
 * store that fails any check does not open: the {@link StoreException} names the file and the
 * problem. Values of blocks and transactions are checked when read (a damaged one throws, it is
 * never returned). {@link #verifyAll} (or {@link Options#withFullCheck}) checks everything else,
 * including the transaction index, reading the whole store.
 *
 * <p><b>Failures.</b> Every failure is a {@link StoreException} naming the file. A batch that
 * {@link WriteBatchChecks} refuses changes nothing and the store carries on. A commit that fails in
 * MapDB or on the disk (disk full, I/O error) is rolled back, and the store then <em>fails</em>: it
 * reopens its files to go on serving reads of the last committed state, but refuses every further
 * commit with the original reason, until it is closed and opened again (after space was freed). If
 * the failure came after the journal was durable, the batch is committed all the same and appears
 * on reopening; the exception says so.
 *
 * <p><b>Interrupts.</b> The store does not depend on its callers never being interrupted: an
 * interrupt of a thread inside {@code FileChannel} I/O would close the channel, so opens, commits
 * and the close run on a thread the store owns, while the caller waits regardless of interrupts
 * and gets its interrupt flag back; reads go through memory maps, which interrupts do not affect.
 *
 * <p><b>Threads.</b> Thread-safe. Reads share a read lock; {@code commit} holds the write lock.
 * {@link #forEachAccount} copies the accounts under the read lock and calls the action after, so the
 * action may read or commit.
 */
public final class MapDbChainStore implements ChainStore {
  private static final Logger LOG = LoggerFactory.getLogger(MapDbChainStore.class);

  /** The MapDB file in the store directory. */
  public static final String STORE_FILE = "chain.db";
  /** The redo journal next to it. */
  public static final String JOURNAL_FILE = STORE_FILE + ".journal";
  /**
   * The version of the layout this class writes and reads: 3 since the transaction and address
   * indexes hold one record per block (docs/STORAGE.md).
   */
  public static final int FORMAT_VERSION = 3;
  /** The oldest layout this class opens: format 1; formats 1 and 2 get their indexes rebuilt on open. */
  static final int OLDEST_FORMAT_VERSION = 1;

  /** How to open a store. Immutable. */
  public static final class Options {
    private static final Options DEFAULTS = new Options(true, false, null, IoFaults.NONE);

    private final boolean checkStateRoot;
    private final boolean fullCheck;
    private final Hash genesis;
    private final IoFaults faults;

    private Options(boolean checkStateRoot, boolean fullCheck, Hash genesis, IoFaults faults) {
      this.checkStateRoot = checkStateRoot;
      this.fullCheck = fullCheck;
      this.genesis = genesis;
      this.faults = faults;
    }

    /** Every check on open, no expected genesis. */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * Skips the state-root check on open, for stores whose blocks do not carry real state roots
     * (tests of the store itself). A chain checks the root again when it opens the store anyway.
     */
    public Options withoutStateRootCheck() {
      return new Options(false, fullCheck, genesis, faults);
    }

    /**
     * Runs {@link MapDbChainStore#verifyAll} on open: reads the whole store, so it takes time in
     * proportion to its size. For a node that suspects its disk, or after restoring a backup.
     */
    public Options withFullCheck() {
      return new Options(checkStateRoot, true, genesis, faults);
    }

    /**
     * Refuses to open a store written for another genesis (the value the chain keeps under
     * {@link Chain#GENESIS_KEY}); a new store, which has none yet, opens.
     */
    public Options expectingGenesis(Hash genesisHash) {
      return new Options(checkStateRoot, fullCheck, Objects.requireNonNull(genesisHash), faults);
    }

    /** For tests: make disk operations fail on demand. */
    Options withFaults(IoFaults ioFaults) {
      return new Options(checkStateRoot, fullCheck, genesis, Objects.requireNonNull(ioFaults));
    }
  }

  private final Path dir;
  private final Path file;
  private final Options options;
  private final IoThread io;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  // Guarded by lock: read under the read lock, replaced under the write lock.
  private MapDbFiles files;
  private String failure;
  private String unreadable;
  private boolean closed;
  private final long replayedJournalBytes;

  private MapDbChainStore(Path dir, Path file, Options options, MapDbFiles files, IoThread io) {
    this.dir = dir;
    this.file = file;
    this.options = options;
    this.files = files;
    this.io = io;
    this.replayedJournalBytes = files.replayedBytes();
  }

  /** How many journal bytes the open applied to finish a commit a crash had interrupted (0: none). */
  long replayedJournalBytes() {
    return replayedJournalBytes;
  }

  /** Opens the store in {@code dir} with every check, creating the directory and an empty store if needed. */
  public static MapDbChainStore open(Path dir) {
    return open(dir, Options.defaults());
  }

  /**
   * Opens the store in {@code dir}, creating the directory and an empty store if there is none,
   * finishing a commit a crash interrupted, and verifying it (see the class comment).
   *
   * @throws StoreException naming the file and the problem when the store is damaged, truncated,
   *     of another format or genesis, locked by another process, or cannot be read
   */
  public static MapDbChainStore open(Path dir, Options options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Path d = dir.toAbsolutePath().normalize();
    IoThread io = new IoThread("ccoin-store-io " + d.getFileName());
    try {
      return io.call(() -> openOnIoThread(d, options, io));
    } catch (RuntimeException | Error e) {
      io.close();
      throw e;
    }
  }

  private static MapDbChainStore openOnIoThread(Path d, Options options, IoThread io) {
    Path file = d.resolve(STORE_FILE);
    prepare(d, file, options.faults);
    MapDbFiles files = MapDbFiles.open(file, options.faults, false);
    MapDbChainStore store = new MapDbChainStore(d, file, options, files, io);
    try {
      Verifier.Summary s = new Verifier(files).verifyOnOpen(options.checkStateRoot, options.genesis);
      if (options.fullCheck) {
        new Verifier(files).verifyAll(options.checkStateRoot);
      }
      if (files.indexesAdded) {
        IndexBackfill.Result r = IndexBackfill.run(files);
        LOG.info("built the indexes by block of the chain store {} (now format {}): {} transactions and {} address entries "
            + "from the canonical chain; {} entries of the earlier indexes removed", file, FORMAT_VERSION, r.transactions(),
            r.addressEntries(), r.removed());
      }
      LOG.info("opened the chain store {}: {}, {} transactions and {} address entries indexed ({} MiB in memory){}", file, s,
          files.txIndex.entries(), files.addressIndex.entries(),
          (files.txIndex.memoryBytes() + files.addressIndex.memoryBytes()) >> 20,
          files.replayedBytes() > 0 ? ", finished an interrupted commit from the journal (" + files.replayedBytes() + " bytes)" : "");
    } catch (RuntimeException | AssertionError e) {
      files.closeQuietly();
      throw files.wrap("cannot be opened", e);
    }
    return store;
  }

  /** Creates the directory; creates a new store file unless one is there; spots deleted files. */
  private static void prepare(Path dir, Path file, IoFaults faults) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(dir + ": cannot create the store directory: " + e, e);
    }
    Path creating = dir.resolve(STORE_FILE + ".creating");
    Path journal = JournaledVolume.journalPath(file);
    try {
      // Left by a crash while a new store was made; it holds nothing yet.
      Files.deleteIfExists(creating);
      Files.deleteIfExists(JournaledVolume.journalPath(creating));
      if (Files.exists(file)) {
        if (Files.size(file) == 0) {
          throw new StoreException(file + " is empty: the store file was truncated; restore it from a backup, "
              + "or delete the directory " + dir + " to sync the chain again");
        }
        return;
      }
      if (Files.exists(journal)) {
        throw new StoreException(file + " is missing but its journal " + journal + " is there: the store was partly "
            + "deleted; restore it from a backup, or delete the directory " + dir + " to sync the chain again");
      }
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read the store directory: " + e, e);
    }
    // A new store: made complete under another name, then renamed, so a crash never leaves half of one.
    MapDbFiles.open(creating, faults, true).close();
    try {
      Files.move(creating, file, StandardCopyOption.ATOMIC_MOVE);
      Files.move(JournaledVolume.journalPath(creating), journal, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } catch (IOException e) {
      throw new StoreException(file + ": cannot create a new store: " + e, e);
    }
    LOG.info("created a new chain store {}", file);
  }

  // ---- reads ------------------------------------------------------------------------------------

  @Override
  public Optional<StoredBlock> block(Hash hash) {
    Objects.requireNonNull(hash, "hash");
    return read(f -> f.block(hash));
  }

  @Override
  public Optional<Hash> canonicalHash(long number) {
    return read(f -> f.canonical(number));
  }

  @Override
  public Optional<TxLocation> transaction(Hash txHash) {
    Objects.requireNonNull(txHash, "txHash");
    return read(f -> f.transaction(txHash));
  }

  @Override
  public Optional<Account> account(Address address) {
    Objects.requireNonNull(address, "address");
    return read(f -> f.account(address));
  }

  @Override
  public List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit) {
    AccountTx.Key before = AccountTxQuery.check(address, beforeNumber, beforeIndex, limit);
    return read(f -> f.accountTransactions(address, before, limit));
  }

  /** Calls {@code action} outside the lock, over a copy of the accounts taken atomically. */
  @Override
  public void forEachAccount(BiConsumer<Address, Account> action) {
    Objects.requireNonNull(action, "action");
    Map<Address, Account> snapshot = read(f -> {
      Map<Address, Account> all = new HashMap<>();
      f.forEachAccount(all::put);
      return all;
    });
    snapshot.forEach(action);
  }

  @Override
  public Optional<BlockUndo> undo(Hash blockHash) {
    Objects.requireNonNull(blockHash, "blockHash");
    return read(f -> f.undo(blockHash));
  }

  @Override
  public Optional<Hash> head() {
    return read(MapDbFiles::head);
  }

  @Override
  public Optional<Bytes> metadata(String key) {
    Objects.requireNonNull(key, "key");
    return read(f -> f.metadata(key));
  }

  // ---- commit -----------------------------------------------------------------------------------

  /**
   * Checks {@code batch} with {@link WriteBatchChecks} and applies it as one durable MapDB commit.
   *
   * @throws StoreException if the store is closed or failed, if the batch is refused (nothing is
   *     written, the store carries on), or if the commit fails (it is rolled back and the store
   *     fails, see the class comment)
   */
  @Override
  public void commit(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    lock.writeLock().lock();
    try {
      ensureOpen();
      io.run(() -> commitOnIoThread(batch));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The commit, on the store's I/O thread (so that an interrupt of the caller cannot close a file), under the write lock. */
  private void commitOnIoThread(WriteBatch batch) {
    if (failure != null) {
      throw new StoreException(file + ": refusing to commit: an earlier commit failed (" + failure
          + "); reopen the store once the cause is fixed");
    }
    MapDbFiles f = readable();
    try {
      WriteBatchChecks.check(batch, f::block);
    } catch (RuntimeException | AssertionError e) {
      throw f.wrap("cannot check the batch", e);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      f.apply(batch);
      f.commit();
    } catch (RuntimeException | Error e) {
      throw commitFailed(f, e);
    }
  }

  /** Rolls back, fails the store, reopens the files for reads; returns the exception to throw. */
  private StoreException commitFailed(MapDbFiles f, Throwable e) {
    boolean durable = f.journaledButNotApplied();
    failure = describe(e);
    f.closeQuietly();
    files = null;
    try {
      files = MapDbFiles.open(file, options.faults, false);
      new Verifier(files).verifyStructure();
    } catch (RuntimeException reopen) {
      if (files != null) {
        files.closeQuietly();
        files = null;
      }
      unreadable = describe(reopen);
      e.addSuppressed(reopen);
    }
    String outcome = durable
        ? "the batch had reached the journal, so it is committed all the same"
        : "it was rolled back: the store is at its last committed batch";
    String reads = files != null ? "reads go on" : "reads fail too, as the store could not be reopened (" + unreadable + ")";
    LOG.error("chain store {}: commit failed ({}); {}; commits are refused until the store is reopened; {}", file, failure, outcome, reads);
    return new StoreException(file + ": commit failed (" + failure + "); " + outcome
        + ". The store refuses further commits until it is reopened (after freeing space or fixing the disk); " + reads, e);
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    String s = m == null ? e.getClass().getSimpleName() : m;
    Throwable c = e.getCause();
    if (c != null && c.getMessage() != null && !s.contains(c.getMessage())) {
      s += ": " + c.getMessage();
    }
    return s;
  }

  // ---- verification -------------------------------------------------------------------------------

  /**
   * Recomputes the state root from the stored accounts with the SPEC 4 state tree and compares it
   * with the head block's state root.
   *
   * @throws StoreException naming the file if they differ or a record is damaged
   */
  public void verify() {
    read(f -> {
      new Verifier(f).verifyOnOpen(true, null);
      return null;
    });
  }

  /**
   * Checks everything: every record's checksum and encoding, the entry counts, that every block
   * hashes to its key and has its parent, that the canonical index is a chain from 0 up to the head,
   * that every canonical transaction is indexed at its place and every index entry points at it,
   * that the address index holds exactly the sender and recipient entries of the canonical transactions,
   * that undo records belong to stored blocks, and the state root. Reads the whole store.
   *
   * @throws StoreException naming the file and the first problem found
   */
  public void verifyAll() {
    read(f -> {
      new Verifier(f).verifyAll(options.checkStateRoot);
      return null;
    });
  }

  /** The directory the store lives in. */
  public Path directory() {
    return dir;
  }

  /** Why the store refuses commits, if a commit failed. */
  public Optional<String> failure() {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(failure);
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- close --------------------------------------------------------------------------------------

  /** Closes the files; later calls throw {@link StoreException}. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        if (files != null) {
          MapDbFiles f = files;
          io.run(f::closeQuietly);
          files = null;
        }
        io.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    lock.readLock().lock();
    try {
      return "MapDbChainStore{" + file + (closed ? ", closed" : "") + (failure != null ? ", failed: " + failure : "") + "}";
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private <T> T read(Function<MapDbFiles, T> query) {
    lock.readLock().lock();
    try {
      ensureOpen();
      MapDbFiles f = readable();
      try {
        return query.apply(f);
      } catch (RuntimeException | AssertionError e) {
        throw f.wrap("read failed", e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException(file + ": the store is closed");
    }
  }

  private MapDbFiles readable() {
    if (files == null) {
      throw new StoreException(file + ": the store cannot be read since a commit failed (" + failure + ") and reopening failed ("
          + unreadable + "); reopen it once the cause is fixed");
    }
    return files;
  }
}
