package io.ccoin.store.mapdb;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.store.mapdb.internal.Records;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The address index ({@link io.ccoin.api.ChainStore#accountTransactions}) as one record per block
 * number ({@link ByBlockIndex}): entries of address, index and transaction hash, sorted by address
 * and index. A block's entries are one record write; a listing finds the blocks of an address in
 * memory, newest first, and reads only their records. Not thread-safe: the store's lock guards it.
 */
final class AddressIndex {
  private static final int W = Records.ADDRESS_ENTRY;
  private final ByBlockIndex index;

  AddressIndex(Table table) {
    this.index = new ByBlockIndex(table, "address index", W, Address.SIZE + Integer.BYTES, Address.SIZE);
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

  /**
   * Applies the changes of a batch ({@link io.ccoin.api.WriteBatch#accountTxs}): a key to the hash
   * at that place, or empty to remove the entry. Returns the change in the number of entries.
   */
  long apply(Map<AccountTx.Key, Optional<Hash>> changes) {
    ByBlockIndex.Edit edit = index.edit();
    changes.forEach((k, tx) -> {
      if (tx.isPresent()) {
        edit.put(k.blockNumber(), ByteBuffer.allocate(W).put(k.address().toArray()).putInt(k.index()).put(tx.get().toArray()).array());
      } else {
        edit.remove(k.blockNumber(), ByteBuffer.allocate(Address.SIZE + Integer.BYTES).put(k.address().toArray()).putInt(k.index()).array());
      }
    });
    return edit.finish();
  }

  /** Up to {@code limit} entries of {@code address} strictly before {@code before}, newest first. */
  List<AccountTx> list(Address address, AccountTx.Key before, int limit) {
    List<AccountTx> out = new ArrayList<>();
    if (limit <= 0) {
      return out;
    }
    byte[] a = address.toArray();
    index.forEachRecordOf(a, before.blockNumber(), (n, p) -> {
      int from = Records.lowerBound(p, W, a);
      int to = from;
      while (Records.entryStartsWith(p, W, to, a)) {
        to++;
      }
      for (int i = to - 1; i >= from; i--) {
        int at = Records.intAt(p, i * W + Address.SIZE);
        if (n == before.blockNumber() && at >= before.index()) {
          continue;
        }
        out.add(new AccountTx(address, n, at, Hash.of(p, i * W + Address.SIZE + Integer.BYTES)));
        if (out.size() == limit) {
          return false;
        }
      }
      return true;
    });
    return out;
  }

  /** Every entry, record by record in number order, each record checked. */
  void forEach(Consumer<AccountTx> action) {
    index.forEachRecord((n, p) -> {
      for (int i = 0; i < p.length / W; i++) {
        Address address = Address.of(java.util.Arrays.copyOfRange(p, i * W, i * W + Address.SIZE));
        action.accept(new AccountTx(address, n, Records.intAt(p, i * W + Address.SIZE), Hash.of(p, i * W + Address.SIZE + Integer.BYTES)));
      }
    });
  }

  /** Checks the in-memory part against the records. */
  void checkPostings() {
    index.checkPostings();
  }
}
