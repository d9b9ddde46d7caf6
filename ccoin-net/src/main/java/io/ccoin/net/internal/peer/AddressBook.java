package io.ccoin.net.internal.peer;

import io.ccoin.net.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The addresses this node may dial: static ones (bootstrap, or added with {@code connect}), kept
 * for good and redialed with exponential backoff after failures, and ones learned through peer
 * exchange, bounded and forgotten after repeated failures. Keyed by {@code host:port}. Not
 * thread-safe.
 */
public final class AddressBook {
  /** Learned addresses are forgotten after this many failed dials in a row. */
  static final int MAX_LEARNED_FAILURES = 5;

  private final long minBackoffMs;
  private final long maxBackoffMs;
  private final int capacity;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** One dialable address and its dialing history. */
  public static final class Entry {
    private final InetSocketAddress address;
    private boolean isStatic;
    private boolean self;
    private NodeId nodeId;
    private int failures;
    private long nextAttemptAt;

    Entry(InetSocketAddress address) {
      this.address = address;
    }

    public InetSocketAddress address() {
      return address;
    }

    public boolean isStatic() {
      return isStatic;
    }

    public Optional<NodeId> nodeId() {
      return Optional.ofNullable(nodeId);
    }

    public int failures() {
      return failures;
    }

    public long nextAttemptAt() {
      return nextAttemptAt;
    }
  }

  public AddressBook(long minBackoffMs, long maxBackoffMs, int capacity) {
    this.minBackoffMs = minBackoffMs;
    this.maxBackoffMs = maxBackoffMs;
    this.capacity = capacity;
  }

  /** {@code host:port}, the key of an address. */
  public static String key(InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }

  /** Adds (or promotes) a static address, dialable at once. */
  public void addStatic(InetSocketAddress address) {
    Entry e = entries.computeIfAbsent(key(address), k -> new Entry(address));
    e.isStatic = true;
    e.nextAttemptAt = 0;
  }

  /** Remembers an address a peer told us about; ignores known ones, port 0 and our own id. */
  public void learn(InetSocketAddress address, NodeId nodeId, NodeId self) {
    if (address.getPort() == 0 || nodeId.equals(self) || entries.containsKey(key(address))) {
      return;
    }
    if (entries.size() >= capacity && !evictLearned()) {
      return;
    }
    Entry e = new Entry(address);
    e.nodeId = nodeId;
    entries.put(key(address), e);
  }

  private boolean evictLearned() {
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (!e.isStatic) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  /** The address turned out to be this node itself: never dial it again. */
  public void markSelf(InetSocketAddress address) {
    Entry e = entries.get(key(address));
    if (e != null) {
      e.self = true;
    }
  }

  /** A dial or handshake failed: back off exponentially (a learned address is dropped after a few). */
  public void failed(InetSocketAddress address, long now) {
    Entry e = entries.get(key(address));
    if (e == null) {
      return;
    }
    e.failures++;
    if (!e.isStatic && e.failures >= MAX_LEARNED_FAILURES) {
      entries.remove(key(address));
      return;
    }
    e.nextAttemptAt = now + backoff(e.failures);
  }

  /** The backoff after {@code failures} failures in a row: min, 2 min, 4 min, ... up to max. */
  public long backoff(int failures) {
    long b = minBackoffMs;
    for (int i = 1; i < failures && b < maxBackoffMs; i++) {
      b *= 2;
    }
    return Math.min(b, maxBackoffMs);
  }

  /** A handshake succeeded: the failures are forgiven. */
  public void connected(InetSocketAddress address, NodeId nodeId) {
    Entry e = entries.get(key(address));
    if (e != null) {
      e.failures = 0;
      e.nodeId = nodeId;
    }
  }

  /** An established connection ended: redial after the shortest backoff. */
  public void disconnected(InetSocketAddress address, long now) {
    Entry e = entries.get(key(address));
    if (e != null) {
      e.nextAttemptAt = now + minBackoffMs;
    }
  }

  /**
   * The addresses due for a dial at {@code now} that {@code skip} does not exclude, static ones
   * first, each group in the order they were added.
   */
  public List<Entry> due(long now, Predicate<Entry> skip) {
    List<Entry> statics = new ArrayList<>();
    List<Entry> learned = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (!e.self && e.nextAttemptAt <= now && !skip.test(e)) {
        (e.isStatic ? statics : learned).add(e);
      }
    }
    statics.addAll(learned);
    return statics;
  }

  public int size() {
    return entries.size();
  }

  public Optional<Entry> get(InetSocketAddress address) {
    return Optional.ofNullable(entries.get(key(address)));
  }
}
