package io.ccoin.core.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe least-recently-used map holding at most {@code capacity} entries. Lookups
 * take a lock, which costs far less than the work the cache saves (parsing a key for an RSA
 * verification).
 */
public final class BoundedCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> map;

  public BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > BoundedCache.this.capacity;
      }
    };
  }

  /** The value for {@code key}, or null. */
  public synchronized V get(K key) {
    return map.get(key);
  }

  /** Stores {@code value} for {@code key}, evicting the least recently used entry when full. */
  public synchronized void put(K key, V value) {
    map.put(key, value);
  }

  /** The number of entries, at most the capacity. */
  public synchronized int size() {
    return map.size();
  }

  public int capacity() {
    return capacity;
  }
}
