package io.ccoin.store.mapdb;

import io.ccoin.api.Hash;
import io.ccoin.api.TxLocation;
import io.ccoin.store.mapdb.internal.Records;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The transaction index ({@link io.ccoin.api.ChainStore#transaction}) as one record per block
 * number ({@link ByBlockIndex}): entries of transaction hash, block hash and index, sorted by
 * transaction hash. A lookup finds the block numbers in memory and reads one record; a hash that
 * is not indexed reads none. Not thread-safe: the store's lock guards it.
 */
final class TxIndex {
  private static final int W = Records.TX_ENTRY;
  private final ByBlockIndex index;

  TxIndex(Table table) {
    this.index = new ByBlockIndex(table, "transaction index", W, Hash.SIZE, Hash.SIZE);
  }

  /** Fills the in-memory part from the records; returns the number of entries. */
  long load() {
    return index.load();
  }

  long entries() {
    return index.entries();
  }

  long memoryBytes() {
    return index.memoryBytes();
  }

  Optional<TxLocation> location(Hash tx) {
    byte[] key = tx.toArray();
    TxLocation[] found = {null};
    index.forEachRecordOf(key, Long.MAX_VALUE, (n, p) -> {
      int i = Records.lowerBound(p, W, key);
      if (Records.entryStartsWith(p, W, i, key)) {
        found[0] = new TxLocation(Hash.of(p, i * W + Hash.SIZE), n, Records.intAt(p, i * W + 2 * Hash.SIZE));
        return false;
      }
      return true;
    });
    return Optional.ofNullable(found[0]);
  }

  /**
   * Applies the changes of a batch ({@link io.ccoin.api.WriteBatch#transactions}): a hash to its new
   * place (moved from its old one, if it had one), or empty to remove it. Returns the change in the
   * number of entries.
   */
  long apply(Map<Hash, Optional<TxLocation>> changes) {
    ByBlockIndex.Edit edit = index.edit();
    changes.forEach((tx, at) -> {
      byte[] key = tx.toArray();
      // the numbers come from memory; a record is read only when one may hold the hash
      index.forEachNumberOf(key, n -> !edit.remove(n, key));
      if (at.isPresent()) {
        TxLocation l = at.get();
        edit.put(l.blockNumber(), ByteBuffer.allocate(W).put(key).put(l.blockHash().toArray()).putInt(l.index()).array());
      }
    });
    return edit.finish();
  }

  /** Every entry, record by record in number order, each record checked. */
  void forEach(BiConsumer<Hash, TxLocation> action) {
    index.forEachRecord((n, p) -> {
      for (int i = 0; i < p.length / W; i++) {
        action.accept(Hash.of(p, i * W), new TxLocation(Hash.of(p, i * W + Hash.SIZE), n, Records.intAt(p, i * W + 2 * Hash.SIZE)));
      }
    });
  }

  /** Checks the in-memory part against the records. */
  void checkPostings() {
    index.checkPostings();
  }
}
