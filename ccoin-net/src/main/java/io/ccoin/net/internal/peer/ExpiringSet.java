package io.ccoin.net.internal.peer;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keys refused or discouraged until a time (SPEC 9: a misbehaving peer's node id is refused, and its
 * address discouraged, for 10 minutes). An entry lasts {@code durationMs} from its last
 * {@link #add}; it is gone once that time is reached. At most {@link #CAPACITY} entries: beyond
 * that, ended ones are dropped and then the ones that end soonest, so that peers misbehaving with
 * ever new keys cannot fill the memory. Thread-safe, so that the API can read it; the network
 * thread writes it.
 */
public final class ExpiringSet<K> {
  /** The most entries kept. */
  public static final int CAPACITY = 10_000;

  private final long durationMs;
  private final int capacity;
  private final Map<K, Long> until = new ConcurrentHashMap<>();

  public ExpiringSet(long durationMs) {
    this(durationMs, CAPACITY);
  }

  ExpiringSet(long durationMs, int capacity) {
    this.durationMs = durationMs;
    this.capacity = capacity;
  }

  /** Adds {@code key} (or renews it) until {@code now + duration}; returns that time. */
  public long add(K key, long now) {
    Objects.requireNonNull(key, "key");
    long t = now + durationMs;
    until.put(key, t);
    if (until.size() > capacity) {
      until.values().removeIf(v -> v <= now);
      while (until.size() > capacity) {
        until.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(e -> until.remove(e.getKey(), e.getValue()));
      }
    }
    return t;
  }

  /** True while {@code key} has not expired at {@code now}. */
  public boolean contains(K key, long now) {
    Long t = until.get(key);
    if (t == null) {
      return false;
    }
    if (t <= now) {
      until.remove(key, t);
      return false;
    }
    return true;
  }

  /** The entries alive at {@code now} with their expiry (epoch ms), sorted by {@code name}. */
  public Map<String, Long> snapshot(long now, Function<K, String> name) {
    Map<String, Long> out = new TreeMap<>();
    until.forEach((k, t) -> {
      if (t > now) {
        out.put(name.apply(k), t);
      }
    });
    return out;
  }

  /** The number of entries, expired ones not yet dropped included. */
  public int size() {
    return until.size();
  }
}
