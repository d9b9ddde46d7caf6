package io.ccoin.store.mapdb.internal;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * An in-memory map from a {@code long} key to a set of {@code long} values (block numbers, never
 * negative), listed highest first, in flat arrays: about 16 bytes per key and 12 per value, and no
 * object per entry. The store keeps one for each of its indexes by block: the key is the first 8
 * bytes of a transaction hash or of an address, a value a block number whose record holds it, so
 * that finding a hash or an address reads only the records of the blocks that hold it.
 *
 * <p>Keys are open-addressed with linear probing, each pointing at its newest value; values are a
 * linked list from there, in descending order. Adding a value higher than every value of its key
 * (the usual case: a new block) is constant time; any other change walks the key's list. Slots of
 * removed values are not reused (they come only from reorganisations). Not thread-safe.
 */
public final class LongPostings {
  private static final int NONE = -1;
  private static final int MAX_CAPACITY = 1 << 30;

  private long[] keys;
  /** The first posting of each key's slot; {@link #NONE} marks an empty slot. */
  private int[] heads;
  private int keyCount;

  private long[] values = new long[1024];
  private int[] next = new int[1024];
  private int postingsUsed;
  private long postingCount;

  public LongPostings() {
    keys = new long[1024];
    heads = new int[1024];
    Arrays.fill(heads, NONE);
  }

  /** How many keys have at least one value. */
  public int keys() {
    return keyCount;
  }

  /** How many (key, value) pairs are held. */
  public long size() {
    return postingCount;
  }

  /** The heap the arrays take, in bytes, for the docs' sizing and the tests. */
  public long memoryBytes() {
    return (long) keys.length * (Long.BYTES + Integer.BYTES) + (long) values.length * (Long.BYTES + Integer.BYTES);
  }

  /** Adds {@code value} to {@code key}'s set; returns false if it was there already. */
  public boolean add(long key, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a negative value: " + value);
    }
    int slot = find(key);
    if (heads[slot] == NONE) {
      if ((keyCount + 1) * 4L > keys.length * 3L) {
        grow();
        slot = find(key);
      }
      keys[slot] = key;
      heads[slot] = posting(value, NONE);
      keyCount++;
      postingCount++;
      return true;
    }
    int prev = NONE;
    int at = heads[slot];
    while (at != NONE && values[at] > value) {
      prev = at;
      at = next[at];
    }
    if (at != NONE && values[at] == value) {
      return false;
    }
    int p = posting(value, at);
    if (prev == NONE) {
      heads[slot] = p;
    } else {
      next[prev] = p;
    }
    postingCount++;
    return true;
  }

  /** Removes {@code value} from {@code key}'s set; returns false if it was not there. */
  public boolean remove(long key, long value) {
    int slot = find(key);
    int prev = NONE;
    int at = heads[slot];
    while (at != NONE && values[at] > value) {
      prev = at;
      at = next[at];
    }
    if (at == NONE || values[at] != value) {
      return false;
    }
    if (prev == NONE) {
      heads[slot] = next[at];
    } else {
      next[prev] = next[at];
    }
    postingCount--;
    if (heads[slot] == NONE) {
      keyCount--;
      deleteSlot(slot);
    }
    return true;
  }

  /** True if {@code value} is in {@code key}'s set. */
  public boolean contains(long key, long value) {
    for (int at = heads[find(key)]; at != NONE && values[at] >= value; at = next[at]) {
      if (values[at] == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * Calls {@code action} with {@code key}'s values that are at most {@code atMost}, highest first,
   * until it returns false.
   */
  public void forEachDescending(long key, long atMost, LongPredicate action) {
    for (int at = heads[find(key)]; at != NONE; at = next[at]) {
      if (values[at] <= atMost && !action.test(values[at])) {
        return;
      }
    }
  }

  /** The slot of {@code key}, or the empty slot where it would go. */
  private int find(long key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (heads[slot] != NONE && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Empties {@code slot}, moving later keys of its probe run back so that lookups still find them. */
  private void deleteSlot(int slot) {
    int mask = keys.length - 1;
    int hole = slot;
    heads[hole] = NONE;
    for (int at = (hole + 1) & mask; heads[at] != NONE; at = (at + 1) & mask) {
      int home = mix(keys[at]) & mask;
      // at may move to hole unless its home lies cyclically in (hole, at]
      boolean stays = hole <= at ? (home > hole && home <= at) : (home > hole || home <= at);
      if (!stays) {
        keys[hole] = keys[at];
        heads[hole] = heads[at];
        heads[at] = NONE;
        hole = at;
      }
    }
  }

  private int posting(long value, int following) {
    if (postingsUsed == values.length) {
      int n = values.length >= MAX_CAPACITY ? Integer.MAX_VALUE - 8 : values.length * 2;
      if (n <= postingsUsed) {
        throw new IllegalStateException("the index holds more than " + postingsUsed + " entries");
      }
      values = Arrays.copyOf(values, n);
      next = Arrays.copyOf(next, n);
    }
    values[postingsUsed] = value;
    next[postingsUsed] = following;
    return postingsUsed++;
  }

  private void grow() {
    if (keys.length >= MAX_CAPACITY) {
      throw new IllegalStateException("the index holds more than " + keyCount + " keys");
    }
    long[] oldKeys = keys;
    int[] oldHeads = heads;
    keys = new long[oldKeys.length * 2];
    heads = new int[oldKeys.length * 2];
    Arrays.fill(heads, NONE);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] != NONE) {
        int slot = find(oldKeys[i]);
        keys[slot] = oldKeys[i];
        heads[slot] = oldHeads[i];
      }
    }
  }

  /** Spreads the bits of a key over the slot index (the keys are hash bytes, but a damaged or chosen one need not be). */
  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
