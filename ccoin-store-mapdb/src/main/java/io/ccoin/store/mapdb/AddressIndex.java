package io.ccoin.store.mapdb;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.store.mapdb.internal.Records;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The address index ({@link io.ccoin.api.ChainStore#accountTransactions}) in its B-tree
 * {@link Table}: one record per address and block, keyed by the address and the block number
 * (big-endian, so one address's records are a range in chain order), holding that address's
 * entries of the block, (index, transaction hash) in index order. A full block of n transactions
 * thus costs one B-tree insert per distinct sender and recipient, not two per transaction, and the
 * inserts are made in key order. Not thread-safe: the store's lock guards it.
 */
final class AddressIndex {
  private final Table table;

  AddressIndex(Table table) {
    this.table = table;
  }

  /**
   * Applies the changes of a batch ({@link io.ccoin.api.WriteBatch#accountTxs}): a key to the hash
   * at that place, or empty to remove the entry. A record that already holds entries (a block that
   * replaced another at its number in a reorg) is merged with the changes; one left empty is
   * removed.
   */
  void apply(Map<AccountTx.Key, Optional<Hash>> changes) {
    TreeMap<byte[], TreeMap<Integer, Optional<Hash>>> byRecord = new TreeMap<>(Arrays::compareUnsigned);
    changes.forEach((k, tx) -> byRecord
        .computeIfAbsent(Records.addressIndexKey(k.address(), k.blockNumber()), r -> new TreeMap<>())
        .put(k.index(), tx));
    byRecord.forEach(this::applyToRecord);
  }

  private void applyToRecord(byte[] key, TreeMap<Integer, Optional<Hash>> changes) {
    boolean onlyPuts = changes.values().stream().allMatch(Optional::isPresent);
    if (onlyPuts) {
      // The usual case, a block joining the chain: no record at its number yet, so no read first.
      TreeMap<Integer, Hash> entries = new TreeMap<>();
      changes.forEach((index, tx) -> entries.put(index, tx.get()));
      Optional<byte[]> previous = table.replace(key, Records.encodeAddressIndex(entries));
      if (previous.isEmpty()) {
        return;
      }
      TreeMap<Integer, Hash> merged = Records.decodeAddressIndex(what(key), previous.get());
      merged.putAll(entries);
      table.put(key, Records.encodeAddressIndex(merged));
      return;
    }
    TreeMap<Integer, Hash> merged = table.get(key).map(p -> Records.decodeAddressIndex(what(key), p)).orElseGet(TreeMap::new);
    changes.forEach((index, tx) -> {
      if (tx.isPresent()) {
        merged.put(index, tx.get());
      } else {
        merged.remove(index);
      }
    });
    if (merged.isEmpty()) {
      table.remove(key);
    } else {
      table.put(key, Records.encodeAddressIndex(merged));
    }
  }

  /** Up to {@code limit} entries of {@code address} strictly before {@code before}, newest first. */
  List<AccountTx> list(Address address, AccountTx.Key before, int limit) {
    List<AccountTx> out = new ArrayList<>();
    byte[] from = Records.addressIndexKey(address, 0);
    // Exclusive, just above the record of before's block (Long.MIN_VALUE: above every number).
    byte[] to = Records.addressIndexKey(address, before.blockNumber() + 1);
    table.descending(from, to, (key, payload) -> {
      long number = Records.addressIndexNumber(key);
      TreeMap<Integer, Hash> entries = Records.decodeAddressIndex(what(key), payload);
      NavigableMap<Integer, Hash> older = number == before.blockNumber() ? entries.headMap(before.index(), false) : entries;
      for (Map.Entry<Integer, Hash> e : older.descendingMap().entrySet()) {
        if (out.size() == limit) {
          return false;
        }
        out.add(new AccountTx(address, number, e.getKey(), e.getValue()));
      }
      return out.size() < limit;
    });
    return out;
  }

  /** Every entry, record by record in key order, each record checked. */
  void forEach(Consumer<AccountTx> action) {
    table.forEach((key, payload) -> {
      Address address = Records.addressIndexAddress(key);
      long number = Records.addressIndexNumber(key);
      Records.decodeAddressIndex(what(key), payload).forEach((index, tx) -> action.accept(new AccountTx(address, number, index, tx)));
    });
  }

  private static String what(byte[] key) {
    if (key.length != Records.ADDRESS_INDEX_KEY) {
      throw new DamagedRecordException("an address index key is " + key.length + " bytes, not " + Records.ADDRESS_INDEX_KEY);
    }
    return "the address index record of " + Records.addressIndexAddress(key) + " at block " + Records.addressIndexNumber(key);
  }
}
