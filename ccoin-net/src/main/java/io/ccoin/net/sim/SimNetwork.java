package io.ccoin.net.sim;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An in-memory network of {@link SimTransport}s in virtual time. Each link (pair of hosts) has a
 * fixed latency drawn from {@code [minLatency, maxLatency]} by the seed; each frame is lost with the
 * configured probability; hosts can be split into partitions that drop everything between them and
 * later healed. Frames on one connection arrive in order (as over TCP) unless lost. Everything
 * random comes from the seed, so a simulation repeats exactly.
 *
 * <p>Thread-safe for setup; the traffic itself runs on the {@link VirtualScheduler}.
 */
public final class SimNetwork {
  private final VirtualScheduler scheduler;
  private final long seed;
  private final SplittableRandom random;
  private final Map<String, SimTransport> listeners = new LinkedHashMap<>();
  private final Map<String, Integer> groups = new HashMap<>();
  private long minLatencyMs = 10;
  private long maxLatencyMs = 10;
  private double loss;
  private long nextConnectionId = 1;
  private int nextEphemeralPort = 40_000;
  private long sent;
  private long dials;
  private long dropped;

  public SimNetwork(VirtualScheduler scheduler, long seed) {
    this.scheduler = scheduler;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** Every link's one-way latency is drawn from {@code [minMs, maxMs]}. */
  public synchronized SimNetwork latency(long minMs, long maxMs) {
    if (minMs < 0 || maxMs < minMs) {
      throw new IllegalArgumentException("latency range " + minMs + ".." + maxMs);
    }
    this.minLatencyMs = minMs;
    this.maxLatencyMs = maxMs;
    return this;
  }

  /** Each frame is lost with probability {@code p} (0 to 1). Connection set-up and closing are not. */
  public synchronized SimNetwork loss(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("loss is a probability, not " + p);
    }
    this.loss = p;
    return this;
  }

  /**
   * Splits the network: hosts in different groups cannot reach each other (frames and connection
   * attempts between them are lost); hosts in no group form one more group.
   */
  @SafeVarargs
  public final synchronized void partition(Set<String>... sides) {
    groups.clear();
    for (int i = 0; i < sides.length; i++) {
      for (String host : sides[i]) {
        groups.put(host, i + 1);
      }
    }
  }

  /** Ends every partition. */
  public synchronized void heal() {
    groups.clear();
  }

  /** A new transport for {@code host} that accepts connections on {@code port} once started. */
  public SimTransport transport(String host, int port) {
    return new SimTransport(this, InetSocketAddress.createUnresolved(host, port));
  }

  /** Frames handed to the network so far, and how many of them were lost. */
  public synchronized long framesSent() {
    return sent;
  }

  public synchronized long framesLost() {
    return dropped;
  }

  /** Connection attempts so far. */
  public synchronized long dials() {
    return dials;
  }

  synchronized void dialed() {
    dials++;
  }

  /** The hosts that have a started, open transport. */
  public synchronized List<String> hosts() {
    return listeners.keySet().stream().toList();
  }

  // ---- used by the transports ---------------------------------------------------------------------

  synchronized void listen(SimTransport t) {
    String key = key(t.localAddress());
    if (listeners.containsKey(key)) {
      throw new IllegalStateException("address in use: " + key);
    }
    listeners.put(key, t);
  }

  synchronized void unlisten(SimTransport t) {
    listeners.remove(key(t.localAddress()), t);
  }

  synchronized SimTransport listenerAt(InetSocketAddress address) {
    return listeners.get(key(address));
  }

  synchronized long nextConnectionId() {
    return nextConnectionId++;
  }

  synchronized int nextEphemeralPort() {
    return nextEphemeralPort++;
  }

  /** True when {@code a} and {@code b} are on the same side of any partition. */
  synchronized boolean reachable(String a, String b) {
    return groups.getOrDefault(a, 0).equals(groups.getOrDefault(b, 0));
  }

  /** Whether the next frame from {@code a} to {@code b} is lost; counts it. */
  synchronized boolean lose(String a, String b) {
    sent++;
    boolean lost = !reachable(a, b) || (loss > 0 && random.nextDouble() < loss);
    if (lost) {
      dropped++;
    }
    return lost;
  }

  /** The one-way latency of the link between two hosts, the same in both directions and for the whole run. */
  synchronized long latency(String a, String b) {
    if (maxLatencyMs == minLatencyMs) {
      return minLatencyMs;
    }
    String pair = a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    long mixed = new SplittableRandom(seed ^ ((long) pair.hashCode() * 0x9E3779B97F4A7C15L)).nextLong();
    return minLatencyMs + Math.floorMod(mixed, maxLatencyMs - minLatencyMs + 1);
  }

  static String key(InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }
}
