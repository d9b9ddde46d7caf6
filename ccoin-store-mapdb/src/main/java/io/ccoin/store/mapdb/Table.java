package io.ccoin.store.mapdb;

import io.ccoin.store.mapdb.internal.Records;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * One MapDB map of the store with checked keys and sealed values ({@link Records}): callers deal in
 * raw keys and payloads, and every key and value read is checked. Not thread-safe on its own.
 */
final class Table {
  final String name;
  private final Map<byte[], byte[]> map;

  Table(String name, Map<byte[], byte[]> map) {
    this.name = name;
    this.map = map;
  }

  Optional<byte[]> get(byte[] raw) {
    byte[] key = Records.checkedKey(name, raw);
    byte[] v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(Records.unseal(name, key, v));
  }

  boolean contains(byte[] raw) {
    return map.containsKey(Records.checkedKey(name, raw));
  }

  /** Puts the entry; true when the key was new. */
  boolean put(byte[] raw, byte[] payload) {
    byte[] key = Records.checkedKey(name, raw);
    return map.put(key, Records.seal(name, key, payload)) == null;
  }

  /** Puts the entry; returns the payload it replaced, checked, or empty when the key was new. */
  Optional<byte[]> replace(byte[] raw, byte[] payload) {
    byte[] key = Records.checkedKey(name, raw);
    byte[] old = map.put(key, Records.seal(name, key, payload));
    return old == null ? Optional.empty() : Optional.of(Records.unseal(name, key, old));
  }

  /** Removes the entry; true when there was one. */
  boolean remove(byte[] raw) {
    return map.remove(Records.checkedKey(name, raw)) != null;
  }

  /** Every entry, raw key and payload, each key and value checked. */
  void forEach(BiConsumer<byte[], byte[]> action) {
    for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
      byte[] raw = Records.rawKey(name, e.getKey());
      action.accept(raw, Records.unseal(name, e.getKey(), e.getValue()));
    }
  }

  /**
   * For a B-tree map: calls {@code action} with the entries whose raw keys run from {@code fromRaw}
   * (inclusive) to {@code toRaw} (exclusive), highest first, as raw key and payload, each key and
   * value checked, until it returns false. Keys compare as unsigned bytes, and a stored key is its
   * raw key plus a checksum, so the bounds (raw keys without one) select exactly the raw range.
   */
  void descending(byte[] fromRaw, byte[] toRaw, BiPredicate<byte[], byte[]> action) {
    NavigableMap<byte[], byte[]> tree = (NavigableMap<byte[], byte[]>) map;
    for (Map.Entry<byte[], byte[]> e : tree.subMap(fromRaw, true, toRaw, false).descendingMap().entrySet()) {
      if (!action.test(Records.rawKey(name, e.getKey()), Records.unseal(name, e.getKey(), e.getValue()))) {
        return;
      }
    }
  }

  /**
   * Checks that every entry the map lists is also found by a lookup of its key: damage to the index
   * nodes can leave an entry reachable by one and not the other.
   */
  void checkLookups() {
    for (byte[] key : map.keySet()) {
      if (!map.containsKey(key)) {
        throw new Records.DamagedRecordException("the " + name + " map lists the key " + java.util.HexFormat.of().formatHex(key)
            + " but does not find it by lookup: its index is damaged");
      }
    }
  }

  /** The number of entries, each key checked; reads only the map's nodes, not values kept outside them. */
  long countCheckedKeys() {
    long n = 0;
    for (byte[] key : map.keySet()) {
      Records.rawKey(name, key);
      n++;
    }
    return n;
  }
}
