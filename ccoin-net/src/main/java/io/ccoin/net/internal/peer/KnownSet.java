package io.ccoin.net.internal.peer;

import java.util.LinkedHashMap;
import java.util.Map;

/** A set that forgets its oldest entries beyond a capacity: what a peer is known to have. Not thread-safe. */
public final class KnownSet<T> {
  private final LinkedHashMap<T, Boolean> entries;

  public KnownSet(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Adds {@code item}; returns true when it was not in the set. */
  public boolean add(T item) {
    return entries.put(item, Boolean.TRUE) == null;
  }

  public boolean contains(T item) {
    return entries.containsKey(item);
  }

  public int size() {
    return entries.size();
  }
}
