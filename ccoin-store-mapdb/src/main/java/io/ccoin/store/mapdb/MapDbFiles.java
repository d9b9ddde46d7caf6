package io.ccoin.store.mapdb;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import io.ccoin.store.mapdb.internal.FixedWidthSerializer;
import io.ccoin.store.mapdb.internal.IoFaults;
import io.ccoin.store.mapdb.internal.JournaledVolume;
import io.ccoin.store.mapdb.internal.JournaledVolumeFactory;
import io.ccoin.store.mapdb.internal.Records;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;

/**
 * One open MapDB file of a {@link MapDbChainStore}: the maps, their record encodings, entry counts,
 * and the translation of MapDB's exceptions into {@link StoreException}s naming the file. Not
 * thread-safe on its own: the store's lock guards it.
 */
final class MapDbFiles {
  static final String BLOCKS = "blocks";
  static final String CANONICAL = "canonical";
  /** The transaction index's entry count; up to format 2 also its hash map, one entry per transaction. */
  static final String TRANSACTIONS = "transactions";
  static final String ACCOUNTS = "accounts";
  /** The transaction index since format 3: one record per block number. */
  static final String TRANSACTIONS_BY_BLOCK = "transactionsByBlock";
  /** The address index since format 3: one record per block number. */
  static final String ADDRESSES_BY_BLOCK = "addressesByBlock";
  /** Format 2's address index, one B-tree entry per address and block; emptied when format 3's is built. */
  static final String ADDRESS_INDEX_V2 = "addressIndex";
  /** Format 1's address index, one entry per transaction and address; emptied when format 3's is built. */
  static final String LEGACY_ACCOUNT_TXS = "accountTxs";
  static final String UNDO = "undo";
  static final String METADATA = "metadata";
  static final String INTERNAL = "ccoin";

  static final String FORMAT_KEY = "format";
  static final String HEAD_KEY = "head";
  static final String COUNT_PREFIX = "count.";
  /** The maps whose entries are counted, so that a lost entry is noticed. */
  static final String[] COUNTED = {BLOCKS, CANONICAL, TRANSACTIONS, ACCOUNTS, UNDO};

  private static final String ADVICE = "; restore the store from a backup, or delete its directory to sync the chain again";

  final Path file;
  private final DB db;
  private final JournaledVolume volume;
  final Table blocks;
  final Table canonical;
  final Table transactions;
  final TxIndex txIndex;
  final Table accounts;
  final Table accountTxs;
  final AddressIndex addressIndex;
  /**
   * True when this open added the indexes by block to a store written before them (format 1 or
   * 2): {@link IndexBackfill} fills them from the canonical chain.
   */
  final boolean indexesAdded;
  final Table undo;
  final Table metadata;
  final Table internal;

  private MapDbFiles(Path file, DB db, JournaledVolume volume, boolean create) {
    this.file = file;
    this.db = db;
    this.volume = volume;
    // Blocks and undo records are large: kept out of the hash tree's nodes. The rest are small. The
    // canonical index is a B-tree: its keys (big-endian numbers) keep it in order.
    blocks = hashMap(db, BLOCKS, false, create);
    DB.TreeMapMaker<byte[], byte[]> tree = db.treeMap(CANONICAL, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY);
    canonical = new Table(CANONICAL, create ? tree.create() : tree.open());
    accounts = hashMap(db, ACCOUNTS, true, create);
    // The transaction and address indexes: one record per block number (ByBlockIndex), so a block
    // costs one write to each, not one insert per transaction. Stores made before them get them on
    // open (IndexBackfill).
    indexesAdded = !create && !db.exists(TRANSACTIONS_BY_BLOCK);
    transactions = byBlock(db, TRANSACTIONS_BY_BLOCK, create || indexesAdded);
    txIndex = new TxIndex(transactions);
    accountTxs = byBlock(db, ADDRESSES_BY_BLOCK, create || indexesAdded);
    addressIndex = new AddressIndex(accountTxs);
    undo = hashMap(db, UNDO, false, create);
    metadata = hashMap(db, METADATA, true, create);
    internal = hashMap(db, INTERNAL, true, create);
  }

  /**
   * A B-tree of one record per block number: big-endian keys of one width (FixedWidthSerializer),
   * values kept outside its nodes, as they are a whole block's entries.
   */
  private static Table byBlock(DB db, String name, boolean create) {
    DB.TreeMapMaker<byte[], byte[]> maker =
        db.treeMap(name, new FixedWidthSerializer(Long.BYTES + Records.SEAL), Serializer.BYTE_ARRAY);
    return new Table(name, create ? maker.valuesOutsideNodesEnable().create() : maker.open());
  }

  private static Table hashMap(DB db, String name, boolean inline, boolean create) {
    DB.HashMapMaker<byte[], byte[]> maker = db.hashMap(name, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY);
    HTreeMap<byte[], byte[]> map;
    if (!create) {
      map = maker.open();
    } else {
      map = inline ? maker.valueInline().create() : maker.create();
    }
    return new Table(name, map);
  }

  /**
   * Opens the MapDB file {@code file}, or creates it with empty maps and commits that.
   *
   * @throws StoreException naming the file if it cannot be opened
   */
  static MapDbFiles open(Path file, IoFaults faults, boolean create) {
    JournaledVolumeFactory factory = new JournaledVolumeFactory(file, faults);
    DB db = null;
    try {
      StoreWAL store = StoreWAL.Companion.make(file.toString(), factory, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, CC.PAGE_SIZE, 0L,
          false, false, false, true, false);
      db = new DB(store, !create, true, MapDbFiles.class.getClassLoader(), 0);
      MapDbFiles f = new MapDbFiles(file, db, factory.volume(), create);
      if (!create && !f.indexesAdded) {
        f.loadIndexes();
      }
      if (create) {
        f.setFormat(MapDbChainStore.FORMAT_VERSION);
        for (String map : COUNTED) {
          f.internal.put(Records.nameKey(COUNT_PREFIX + map), Records.encodeLong(0));
        }
        f.commit();
      }
      return f;
    } catch (RuntimeException | AssertionError e) {
      if (db != null) {
        closeQuietly(db);
      }
      try {
        factory.volume().close();
      } catch (RuntimeException notOpened) {
        // the volume was never made, or is closed already
      }
      throw wrap(file, "cannot be opened", e);
    }
  }

  /**
   * Fills the indexes' in-memory part from their records, checking each record and the
   * transaction index's entry count.
   */
  private void loadIndexes() {
    long txs = txIndex.load();
    long recorded = count(TRANSACTIONS);
    if (txs != recorded) {
      throw new DamagedRecordException("the transaction index should hold " + recorded + " entries but " + txs + " were found");
    }
    addressIndex.load();
  }

  long replayedBytes() {
    return volume.replayedBytes();
  }

  boolean journaledButNotApplied() {
    return volume.journaledButNotApplied();
  }

  // ---- typed reads -------------------------------------------------------------------------------

  Optional<StoredBlock> block(Hash hash) {
    return blocks.get(hash.toArray()).map(p -> Records.decodeBlock(hash, p));
  }

  Optional<Hash> canonical(long number) {
    if (number < 0) {
      return Optional.empty();
    }
    return canonical.get(Records.numberKey(number)).map(p -> Records.decodeHash("the canonical entry " + number, p));
  }

  Optional<TxLocation> transaction(Hash tx) {
    return txIndex.location(tx);
  }

  Optional<Account> account(Address address) {
    return accounts.get(address.toArray()).map(p -> Records.decodeAccount(address, p));
  }

  /** The address index entries of {@code address} strictly before {@code before}, newest first. */
  List<AccountTx> accountTransactions(Address address, AccountTx.Key before, int limit) {
    return addressIndex.list(address, before, limit);
  }

  Optional<BlockUndo> undo(Hash block) {
    return undo.get(block.toArray()).map(p -> Records.decodeUndo(block, p));
  }

  Optional<Hash> head() {
    return internal.get(Records.nameKey(HEAD_KEY)).map(p -> Records.decodeHash("the head", p));
  }

  Optional<Bytes> metadata(String key) {
    return metadata.get(Records.nameKey(key)).map(Bytes::of);
  }

  Optional<Long> internalLong(String key) {
    return internal.get(Records.nameKey(key)).map(p -> Records.decodeLong("the " + key + " entry", p));
  }

  long count(String map) {
    return internalLong(COUNT_PREFIX + map)
        .orElseThrow(() -> new DamagedRecordException("the entry count of the " + map + " map is missing"));
  }

  /** Every account, decoded and checked. */
  void forEachAccount(BiConsumer<Address, Account> action) {
    accounts.forEach((key, payload) -> {
      if (key.length != Address.SIZE) {
        throw new DamagedRecordException("an account key is " + key.length + " bytes, not " + Address.SIZE);
      }
      Address a = Address.of(key);
      action.accept(a, Records.decodeAccount(a, payload));
    });
  }

  // ---- writes ------------------------------------------------------------------------------------

  /** Writes {@code batch} into the open MapDB transaction; {@link #commit} makes it durable. */
  void apply(WriteBatch batch) {
    long[] delta = new long[COUNTED.length];
    for (StoredBlock b : batch.blocks()) {
      byte[] key = b.hash().toArray();
      if (!blocks.contains(key)) { // a hash names one block: an equal one is stored already
        blocks.put(key, Records.encodeBlock(b));
        delta[0]++;
      }
    }
    for (Map.Entry<Long, Optional<Hash>> e : batch.canonical().entrySet()) {
      byte[] key = Records.numberKey(e.getKey());
      delta[1] += e.getValue().isPresent()
          ? (canonical.put(key, Records.encodeHash(e.getValue().get())) ? 1 : 0)
          : (canonical.remove(key) ? -1 : 0);
    }
    delta[2] += txIndex.apply(batch.transactions());
    for (Map.Entry<Address, Account> e : batch.accounts().entrySet()) {
      byte[] key = e.getKey().toArray();
      delta[3] += !e.getValue().isEmpty()
          ? (accounts.put(key, Records.encodeAccount(e.getValue())) ? 1 : 0)
          : (accounts.remove(key) ? -1 : 0);
    }
    addressIndex.apply(batch.accountTxs());
    for (Hash h : batch.undoRemovals()) {
      delta[4] += undo.remove(h.toArray()) ? -1 : 0;
    }
    for (BlockUndo u : batch.undoPuts()) {
      delta[4] += undo.put(u.blockHash().toArray(), Records.encodeUndo(u)) ? 1 : 0;
    }
    if (batch.head().isPresent()) {
      internal.put(Records.nameKey(HEAD_KEY), Records.encodeHash(batch.head().get()));
    }
    for (Map.Entry<String, Bytes> e : batch.metadata().entrySet()) {
      metadata.put(Records.nameKey(e.getKey()), e.getValue().toArray());
    }
    for (int i = 0; i < COUNTED.length; i++) {
      if (delta[i] != 0) {
        internal.put(Records.nameKey(COUNT_PREFIX + COUNTED[i]), Records.encodeLong(count(COUNTED[i]) + delta[i]));
      }
    }
  }

  /** Records the layout version of the file, in the open transaction. */
  void setFormat(long version) {
    internal.put(Records.nameKey(FORMAT_KEY), Records.encodeLong(version));
  }

  /**
   * Empties the indexes of earlier formats that the file has (format 1's per-transaction address
   * index, format 2's address index by address and block, and the transaction hash map of both),
   * in the open transaction; returns the number of entries removed. Their names stay in MapDB's
   * catalog, empty.
   */
  long clearEarlierIndexes() {
    long n = 0;
    if (db.exists(LEGACY_ACCOUNT_TXS)) {
      n += clear(db.treeMap(LEGACY_ACCOUNT_TXS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open());
    }
    if (db.exists(ADDRESS_INDEX_V2)) {
      n += clear(db.treeMap(ADDRESS_INDEX_V2, new FixedWidthSerializer(Records.ADDRESS_INDEX_KEY + Records.SEAL), Serializer.BYTE_ARRAY).open());
    }
    if (db.exists(TRANSACTIONS)) {
      n += clear(db.hashMap(TRANSACTIONS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).open());
    }
    return n;
  }

  private static long clear(Map<byte[], byte[]> map) {
    long n = 0;
    for (Iterator<byte[]> keys = map.keySet().iterator(); keys.hasNext(); n++) {
      keys.next();
      keys.remove();
    }
    return n;
  }

  /** Sets an entry count, in the open transaction. */
  void setCount(String map, long n) {
    internal.put(Records.nameKey(COUNT_PREFIX + map), Records.encodeLong(n));
  }

  /** Commits the MapDB transaction durably; on failure the caller closes these files. */
  void commit() {
    db.commit();
  }

  // ---- errors and close ----------------------------------------------------------------------------

  StoreException wrap(String what, Throwable e) {
    return wrap(file, what, e);
  }

  /** A {@link StoreException} that names {@code file} and says what is wrong with it. */
  static StoreException wrap(Path file, String what, Throwable e) {
    if (e instanceof StoreException se) {
      String m = String.valueOf(se.getMessage());
      return m.contains(file.toString()) ? se : new StoreException(file + ": " + m, se);
    }
    String reason = MapDbChainStore.describe(e);
    if (e instanceof DamagedRecordException) {
      return new StoreException(file + " is damaged: " + reason + ADVICE, e);
    }
    if (e instanceof DBException.FileLocked) {
      return new StoreException(file + " is in use by another process or another open store", e);
    }
    if (e instanceof DBException.VolumeIOError && !(e instanceof DBException.VolumeEOF)) {
      return new StoreException(file + ": " + what + ": I/O error: " + reason, e);
    }
    // MapDB's own checks (header checksum, parity, end of file) or its code tripping over bytes it
    // cannot make sense of: the file is damaged or is not a ccoin store.
    return new StoreException(file + " is damaged or not a ccoin store (" + e.getClass().getSimpleName() + ": " + reason + ")"
        + ADVICE, e);
  }

  void close() {
    db.close();
  }

  void closeQuietly() {
    volume.discard();
    closeQuietly(db);
    volume.close();
  }

  private static void closeQuietly(DB db) {
    try {
      db.close();
    } catch (RuntimeException | AssertionError ignored) {
      // closing after a failure: nothing more can be done
    }
  }
}
