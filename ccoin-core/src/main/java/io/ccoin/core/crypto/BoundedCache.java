package io.ccoin.core.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small thread-safe least-recently-used map holding at most {@code capacity} entries. Lookups
 * take a lock, which costs far less than the work the cache saves (parsing a key for an RSA
 * verification). A cache of {@value #SEGMENTED_FROM} entries or more is split by key hash into
 * {@value #SEGMENTS} parts, each with its own lock and its share of the capacity, so that threads
 * checking transactions on all cores seldom wait for one another; the least recently used entry is
 * then the one evicted from its part.
 */
public final class BoundedCache<K, V> {
  static final int SEGMENTS = 16;
  static final int SEGMENTED_FROM = 1024;

  private final int capacity;
  private final List<Segment<K, V>> segments = new ArrayList<>();

  public BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    int n = capacity >= SEGMENTED_FROM ? SEGMENTS : 1;
    for (int i = 0; i < n; i++) {
      segments.add(new Segment<>(capacity / n + (i < capacity % n ? 1 : 0)));
    }
  }

  private Segment<K, V> segment(Object key) {
    if (segments.size() == 1) {
      return segments.get(0);
    }
    int h = key.hashCode();
    h ^= h >>> 16;
    return segments.get((h & Integer.MAX_VALUE) % segments.size());
  }

  /** The value for {@code key}, or null. */
  public V get(K key) {
    return segment(key).get(key);
  }

  /** Stores {@code value} for {@code key}, evicting the least recently used entry when full. */
  public void put(K key, V value) {
    segment(key).put(key, value);
  }

  /** The number of entries, at most the capacity. */
  public int size() {
    int n = 0;
    for (Segment<K, V> s : segments) {
      n += s.size();
    }
    return n;
  }

  public int capacity() {
    return capacity;
  }

  /** One independently locked least-recently-used part. */
  private static final class Segment<K, V> {
    private final LinkedHashMap<K, V> map;

    Segment(int capacity) {
      this.map = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
          return size() > capacity;
        }
      };
    }

    synchronized V get(K key) {
      return map.get(key);
    }

    synchronized void put(K key, V value) {
      map.put(key, value);
    }

    synchronized int size() {
      return map.size();
    }
  }
}
