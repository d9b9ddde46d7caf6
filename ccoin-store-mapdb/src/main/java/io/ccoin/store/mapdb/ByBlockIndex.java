package io.ccoin.store.mapdb;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.ccoin.store.mapdb.internal.LongPostings;
import io.ccoin.store.mapdb.internal.Records;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * An index kept as one record per block number in a B-tree {@link Table} (fixed-width entries,
 * sorted by their first {@code sortWidth} bytes), and found through {@link LongPostings} in memory:
 * for each lookup key (an entry's first {@code lookupWidth} bytes: a transaction hash, an address)
 * the numbers of the records that hold it. A block's changes are one record write, not one B-tree
 * or hash-tree insert per entry (docs/STORAGE.md, "Indexes by block"); the postings are rebuilt from
 * the records on every open.
 *
 * <p>The postings are keyed by SipHash-2-4 of the lookup key under a key drawn at random for each
 * open, so nobody can choose addresses that pile up on one posting list. Two lookup keys that hash
 * alike only cost a record read that finds nothing. Not thread-safe: the store's lock guards it.
 */
final class ByBlockIndex {
  private final Table table;
  private final String what;
  private final int width;
  private final int sortWidth;
  private final int lookupWidth;
  private final HashFunction sipHash;
  private final LongPostings postings = new LongPostings();
  private long entries;

  ByBlockIndex(Table table, String what, int width, int sortWidth, int lookupWidth) {
    this.table = table;
    this.what = what;
    this.width = width;
    this.sortWidth = sortWidth;
    this.lookupWidth = lookupWidth;
    SecureRandom random = new SecureRandom();
    this.sipHash = Hashing.sipHash24(random.nextLong(), random.nextLong());
  }

  /** The entries held. */
  long entries() {
    return entries;
  }

  /** The postings' heap, in bytes. */
  long memoryBytes() {
    return postings.memoryBytes();
  }

  /**
   * Reads every record, checking its length and order, and fills the postings; returns the number
   * of entries.
   */
  long load() {
    table.forEach((key, payload) -> {
      long n = number(key);
      Records.checkEntries(describe(n), payload, width, sortWidth, true);
      for (long k : lookupKeys(payload)) {
        postings.add(k, n);
      }
      entries += payload.length / width;
    });
    return entries;
  }

  /**
   * Calls {@code action} with the number and the record of each block that may hold
   * {@code lookupKey}, highest number first and at most {@code atMost}, until it returns false.
   */
  void forEachRecordOf(byte[] lookupKey, long atMost, BiPredicate<Long, byte[]> action) {
    postings.forEachDescending(lookupKey(lookupKey, 0), atMost, n -> action.test(n, record(n)));
  }

  /**
   * Calls {@code action} with the numbers of the records that may hold {@code lookupKey}, highest
   * first, until it returns false (from memory: no record is read).
   */
  void forEachNumberOf(byte[] lookupKey, java.util.function.LongPredicate action) {
    postings.forEachDescending(lookupKey(lookupKey, 0), Long.MAX_VALUE, action);
  }

  /** Calls {@code action} with every record in number order, each checked. */
  void forEachRecord(BiConsumer<Long, byte[]> action) {
    table.forEach((key, payload) -> {
      long n = number(key);
      Records.checkEntries(describe(n), payload, width, sortWidth, true);
      action.accept(n, payload);
    });
  }

  /**
   * Checks that the postings list exactly the (lookup key, number) pairs of the records: every
   * record's keys are found, and there are no others.
   */
  void checkPostings() {
    long[] pairs = {0};
    forEachRecord((n, payload) -> {
      for (long k : lookupKeys(payload)) {
        if (!postings.contains(k, n)) {
          throw new DamagedRecordException("the " + what + " in memory misses block " + n);
        }
        pairs[0]++;
      }
    });
    if (pairs[0] != postings.size()) {
      throw new DamagedRecordException("the " + what + " in memory lists " + postings.size() + " pairs, the records " + pairs[0]);
    }
  }

  /** The record at {@code n}, length-checked (its seal is checked by the table). */
  private byte[] record(long n) {
    byte[] payload = table.get(Records.numberKey(n))
        .orElseThrow(() -> new DamagedRecordException("the " + what + " names block " + n + ", which has no record"));
    Records.checkEntries(describe(n), payload, width, sortWidth, false);
    return payload;
  }

  /** Changes to apply together: {@link #finish} writes each touched record once and updates the postings. */
  Edit edit() {
    return new Edit();
  }

  final class Edit {
    /** The touched records, entries by sort key. */
    private final Map<Long, TreeMap<byte[], byte[]>> touched = new HashMap<>();
    /** The lookup keys and the entry count each touched record had before. */
    private final Map<Long, Set<Long>> before = new HashMap<>();
    private final Map<Long, Integer> beforeCount = new HashMap<>();

    /** Puts {@code entry} (its sort key replacing any entry with the same) into the record at {@code n}. */
    void put(long n, byte[] entry) {
      if (entry.length != width) {
        throw new IllegalArgumentException("an entry is " + entry.length + " bytes, not " + width);
      }
      records(n).put(Arrays.copyOf(entry, sortWidth), entry);
    }

    /** Removes the entry with {@code sortKey} from the record at {@code n}; true if there was one. */
    boolean remove(long n, byte[] sortKey) {
      return records(n).remove(sortKey) != null;
    }

    private TreeMap<byte[], byte[]> records(long n) {
      return touched.computeIfAbsent(n, this::load);
    }

    private TreeMap<byte[], byte[]> load(long n) {
      TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
      Optional<byte[]> payload = table.get(Records.numberKey(n));
      Set<Long> keys = new HashSet<>();
      if (payload.isPresent()) {
        byte[] p = payload.get();
        int count = Records.checkEntries(describe(n), p, width, sortWidth, false);
        for (int i = 0; i < count; i++) {
          byte[] entry = Arrays.copyOfRange(p, i * width, (i + 1) * width);
          entries.put(Arrays.copyOf(entry, sortWidth), entry);
        }
        keys.addAll(lookupKeys(p));
      }
      before.put(n, keys);
      beforeCount.put(n, entries.size());
      return entries;
    }

    /** Writes the touched records (removing the emptied ones) and updates the postings; returns the change in entries. */
    long finish() {
      long delta = 0;
      for (Map.Entry<Long, TreeMap<byte[], byte[]>> e : touched.entrySet()) {
        long n = e.getKey();
        TreeMap<byte[], byte[]> record = e.getValue();
        byte[] key = Records.numberKey(n);
        Set<Long> now;
        if (record.isEmpty()) {
          table.remove(key);
          now = Set.of();
        } else {
          ByteBuffer out = ByteBuffer.allocate(record.size() * width);
          record.values().forEach(out::put);
          byte[] payload = out.array();
          table.put(key, payload);
          now = lookupKeys(payload);
        }
        delta += record.size() - beforeCount.get(n);
        for (long k : before.get(n)) {
          if (!now.contains(k)) {
            postings.remove(k, n);
          }
        }
        for (long k : now) {
          postings.add(k, n);
        }
      }
      entries += delta;
      return delta;
    }
  }

  private Set<Long> lookupKeys(byte[] payload) {
    Set<Long> keys = new HashSet<>();
    int n = payload.length / width;
    for (int i = 0; i < n; i++) {
      // entries sorted by a key that starts with the lookup key: equal ones are neighbours
      if (i == 0 || !Arrays.equals(payload, (i - 1) * width, (i - 1) * width + lookupWidth, payload, i * width, i * width + lookupWidth)) {
        keys.add(lookupKey(payload, i * width));
      }
    }
    return keys;
  }

  private long lookupKey(byte[] bytes, int offset) {
    return sipHash.hashBytes(bytes, offset, lookupWidth).asLong();
  }

  private static long number(byte[] key) {
    if (key.length != Long.BYTES) {
      throw new DamagedRecordException("a key of an index by block is " + key.length + " bytes, not 8");
    }
    long n = ByteBuffer.wrap(key).getLong();
    if (n < 0) {
      throw new DamagedRecordException("a key of an index by block has a negative number");
    }
    return n;
  }

  private String describe(long n) {
    return "the " + what + " record of block " + n;
  }
}
