package io.ccoin.net.discovery;

import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The discovery service's table of registered nodes, keyed by node id. Bounded in total and per
 * client address; entries expire {@code expiryMillis} after their last registration. For replay
 * protection it remembers the last accepted timestamp of every node until no request with that
 * timestamp could pass the freshness window any more, including nodes that deregistered or
 * expired. All methods take the current time from the caller. Thread-safe (one lock).
 */
final class PeerTable {
  /** What became of a registration or deregistration. */
  enum Outcome {
    ACCEPTED,
    /** The timestamp is not greater than the last one accepted for this node. */
    REPLAYED,
    /** The client address already holds its quota of entries. */
    QUOTA_EXCEEDED,
    /** The table (or the memory of recent timestamps) is full. */
    TABLE_FULL,
    /** A deregistration of a node that is not registered. */
    NOT_FOUND
  }

  private record Entry(String host, int port, long chainId, long lastSeen, long lastTimestamp, String client) {}

  private final int maxEntries;
  private final int maxPerClient;
  private final long expiryMillis;
  private final long windowMillis;
  private final Map<Hash, Entry> entries = new HashMap<>();
  private final Map<String, Integer> perClient = new HashMap<>();
  /** Last accepted timestamps of nodes no longer in {@link #entries}, while they still matter. */
  private final Map<Hash, Long> recentTimestamps = new HashMap<>();
  private long lastPrune = Long.MIN_VALUE;

  PeerTable(int maxEntries, int maxPerClient, long expiryMillis, long windowMillis) {
    this.maxEntries = maxEntries;
    this.maxPerClient = maxPerClient;
    this.expiryMillis = expiryMillis;
    this.windowMillis = windowMillis;
  }

  synchronized Outcome register(Hash nodeId, PeerRegistration r, String client, long now) {
    pruneIfDue(now, false);
    Entry old = live(nodeId, now);
    if (r.timestamp() <= lastTimestamp(nodeId, old)) {
      return Outcome.REPLAYED;
    }
    boolean newClient = old == null || !old.client().equals(client);
    if (old == null && entries.size() >= maxEntries) {
      pruneIfDue(now, true);
      if (entries.size() >= maxEntries) {
        return Outcome.TABLE_FULL;
      }
    }
    if (newClient && perClient.getOrDefault(client, 0) >= maxPerClient) {
      pruneIfDue(now, true);
      if (perClient.getOrDefault(client, 0) >= maxPerClient) {
        return Outcome.QUOTA_EXCEEDED;
      }
    }
    Entry previous = entries.put(nodeId, new Entry(r.host(), r.port(), r.chainId(), now, r.timestamp(), client));
    if (previous != null) {
      release(previous.client());
    }
    perClient.merge(client, 1, Integer::sum);
    recentTimestamps.remove(nodeId);
    return Outcome.ACCEPTED;
  }

  synchronized Outcome deregister(Hash nodeId, long timestamp, long now) {
    pruneIfDue(now, false);
    Entry old = live(nodeId, now);
    if (timestamp <= lastTimestamp(nodeId, old)) {
      return Outcome.REPLAYED;
    }
    if (old == null) {
      return Outcome.NOT_FOUND;
    }
    if (recentTimestamps.size() >= maxEntries) {
      pruneIfDue(now, true);
      if (recentTimestamps.size() >= maxEntries) {
        return Outcome.TABLE_FULL;
      }
    }
    entries.remove(nodeId);
    release(old.client());
    recentTimestamps.put(nodeId, timestamp);
    return Outcome.ACCEPTED;
  }

  /** The live entries of {@code chainId}, most recently seen first. */
  synchronized List<PeerInfo> peers(long chainId, long now) {
    pruneIfDue(now, false);
    List<PeerInfo> out = new ArrayList<>();
    for (Map.Entry<Hash, Entry> e : entries.entrySet()) {
      Entry v = e.getValue();
      if (v.chainId() == chainId && !expired(v, now)) {
        out.add(new PeerInfo(v.host(), v.port(), e.getKey(), v.lastSeen()));
      }
    }
    out.sort(Comparator.comparingLong(PeerInfo::lastSeen).reversed().thenComparing(PeerInfo::nodeId));
    return out;
  }

  /** Live entries, all chains. */
  synchronized int size(long now) {
    pruneIfDue(now, true);
    return entries.size();
  }

  private Entry live(Hash nodeId, long now) {
    Entry e = entries.get(nodeId);
    return e == null || expired(e, now) ? null : e;
  }

  private long lastTimestamp(Hash nodeId, Entry live) {
    Entry any = live != null ? live : entries.get(nodeId); // an expired entry's timestamp still counts
    long last = any != null ? any.lastTimestamp() : -1;
    Long recent = recentTimestamps.get(nodeId);
    return recent != null ? Math.max(last, recent) : last;
  }

  private boolean expired(Entry e, long now) {
    return now - e.lastSeen() > expiryMillis;
  }

  private void release(String client) {
    perClient.computeIfPresent(client, (k, n) -> n == 1 ? null : n - 1);
  }

  /** Drops expired entries and useless timestamps, at most once a second unless forced. */
  private void pruneIfDue(long now, boolean force) {
    if (!force && lastPrune != Long.MIN_VALUE && now - lastPrune < 1000 && now >= lastPrune) {
      return;
    }
    lastPrune = now;
    for (Iterator<Map.Entry<Hash, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Hash, Entry> e = it.next();
      Entry v = e.getValue();
      if (expired(v, now)) {
        it.remove();
        release(v.client());
        if (v.lastTimestamp() >= now - windowMillis) {
          recentTimestamps.merge(e.getKey(), v.lastTimestamp(), Math::max);
        }
      }
    }
    // a request whose timestamp is older than the window is refused anyway
    recentTimestamps.values().removeIf(ts -> ts < now - windowMillis);
  }
}
