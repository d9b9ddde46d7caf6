package io.ccoin.net;

import io.ccoin.api.Frame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link NetworkService} (node settings, not consensus). The defaults are SPEC 9's:
 * handshake in 10 s, keepalive every 20 s and a 60 s silence limit, requests time out after 10 s,
 * at most 20 {@code GBL} answered per peer per 10 s, a 10-minute ban at a score of 100, and
 * {@code max_peers} 25. Immutable; build with {@link #builder()}.
 */
public final class NetworkConfig {
  /** Every default. */
  public static final NetworkConfig DEFAULT = builder().build();

  private final int maxPeers;
  private final int outboundTarget;
  private final String agent;
  private final int advertisedPort;
  private final List<InetSocketAddress> bootstrap;
  private final long handshakeTimeoutMs;
  private final long pingIntervalMs;
  private final long silenceTimeoutMs;
  private final long requestTimeoutMs;
  private final long discourageMs;
  private final long minBackoffMs;
  private final long maxBackoffMs;
  private final int blockRequestLimit;
  private final long blockRequestWindowMs;
  private final int syncBatch;
  private final long peerExchangeIntervalMs;
  private final long tickMs;
  private final int addressBookSize;
  private final long claimRetryMs;
  private final long inboundBacklogBytes;
  private final int txQueueLimit;

  private NetworkConfig(Builder b) {
    this.maxPeers = b.maxPeers;
    this.outboundTarget = Math.min(b.outboundTarget, b.maxPeers);
    this.agent = b.agent;
    this.advertisedPort = b.advertisedPort;
    this.bootstrap = List.copyOf(b.bootstrap);
    this.handshakeTimeoutMs = b.handshakeTimeoutMs;
    this.pingIntervalMs = b.pingIntervalMs;
    this.silenceTimeoutMs = b.silenceTimeoutMs;
    this.requestTimeoutMs = b.requestTimeoutMs;
    this.discourageMs = b.discourageMs;
    this.minBackoffMs = b.minBackoffMs;
    this.maxBackoffMs = b.maxBackoffMs;
    this.blockRequestLimit = b.blockRequestLimit;
    this.blockRequestWindowMs = b.blockRequestWindowMs;
    this.syncBatch = b.syncBatch;
    this.peerExchangeIntervalMs = b.peerExchangeIntervalMs;
    this.tickMs = b.tickMs;
    this.addressBookSize = b.addressBookSize;
    this.claimRetryMs = b.claimRetryMs;
    this.inboundBacklogBytes = b.inboundBacklogBytes;
    this.txQueueLimit = b.txQueueLimit;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxPeers = maxPeers;
    b.outboundTarget = outboundTarget;
    b.agent = agent;
    b.advertisedPort = advertisedPort;
    b.bootstrap.addAll(bootstrap);
    b.handshakeTimeoutMs = handshakeTimeoutMs;
    b.pingIntervalMs = pingIntervalMs;
    b.silenceTimeoutMs = silenceTimeoutMs;
    b.requestTimeoutMs = requestTimeoutMs;
    b.discourageMs = discourageMs;
    b.minBackoffMs = minBackoffMs;
    b.maxBackoffMs = maxBackoffMs;
    b.blockRequestLimit = blockRequestLimit;
    b.blockRequestWindowMs = blockRequestWindowMs;
    b.syncBatch = syncBatch;
    b.peerExchangeIntervalMs = peerExchangeIntervalMs;
    b.tickMs = tickMs;
    b.addressBookSize = addressBookSize;
    b.claimRetryMs = claimRetryMs;
    b.inboundBacklogBytes = inboundBacklogBytes;
    b.txQueueLimit = txQueueLimit;
    return b;
  }

  /** The most connections, inbound and outbound together ({@code p2p.max_peers}). */
  public int maxPeers() {
    return maxPeers;
  }

  /** How many outbound connections the node dials towards (at most {@link #maxPeers()}). */
  public int outboundTarget() {
    return outboundTarget;
  }

  /** The agent string sent in {@code HEL} (at most 64 UTF-8 bytes). */
  public String agent() {
    return agent;
  }

  /** The port advertised in {@code HEL}; 0 means the transport's own listening port. */
  public int advertisedPort() {
    return advertisedPort;
  }

  /** Static peers, dialed at start and redialed with backoff ({@code p2p.bootstrap}). */
  public List<InetSocketAddress> bootstrap() {
    return bootstrap;
  }

  public long handshakeTimeoutMs() {
    return handshakeTimeoutMs;
  }

  public long pingIntervalMs() {
    return pingIntervalMs;
  }

  public long silenceTimeoutMs() {
    return silenceTimeoutMs;
  }

  public long requestTimeoutMs() {
    return requestTimeoutMs;
  }

  /**
   * How long a peer that reached the misbehaviour score stays refused by node id, and its address
   * discouraged (SPEC 9: 10 minutes).
   */
  public long discourageMs() {
    return discourageMs;
  }

  public long minBackoffMs() {
    return minBackoffMs;
  }

  public long maxBackoffMs() {
    return maxBackoffMs;
  }

  /** The most {@code GBL} answered per peer per {@link #blockRequestWindowMs()} (and sent, by this node). */
  public int blockRequestLimit() {
    return blockRequestLimit;
  }

  public long blockRequestWindowMs() {
    return blockRequestWindowMs;
  }

  /** The {@code max} of this node's {@code GBL}s (1..512). */
  public int syncBatch() {
    return syncBatch;
  }

  public long peerExchangeIntervalMs() {
    return peerExchangeIntervalMs;
  }

  /** How often the service checks timeouts, keepalives and dials. */
  public long tickMs() {
    return tickMs;
  }

  public int addressBookSize() {
    return addressBookSize;
  }

  /**
   * How long a peer that answered without delivering the heavier chain it advertised is not synced
   * from, unless it announces a new block first (default 30 s). After a request it did not answer at
   * all the delay starts at the shorter of this and {@link #requestTimeoutMs()}; either doubles for
   * each further round in a row the peer ends without delivering a block, up to 16 times this.
   */
  public long claimRetryMs() {
    return claimRetryMs;
  }

  /**
   * The most bytes of one connection's frames that may wait for the network thread (default 32 MiB,
   * four maximal frames). A peer that sends faster than the node handles its frames is
   * disconnected when it goes over, so that what it sent cannot pile up in memory.
   */
  public long inboundBacklogBytes() {
    return inboundBacklogBytes;
  }

  /**
   * The most transactions received from peers ({@code TXS}) that may wait for admission to the pool
   * (default 4,096, four full frames). A {@code TXS} that would go over is dropped whole, without
   * counting against its sender (a busy node is not the peer's fault), and counted
   * ({@link NetworkService#transactionsDropped()}); what it held reaches the node in a block (no peer
   * sends it again), and later nonces of its senders are dropped too until the node has the missing
   * one ({@link NetworkService#transactionsDroppedAfterGap()}).
   */
  public int txQueueLimit() {
    return txQueueLimit;
  }

  @Override
  public String toString() {
    return "NetworkConfig{maxPeers=" + maxPeers + ", outboundTarget=" + outboundTarget + ", agent=" + agent
        + ", bootstrap=" + bootstrap + "}";
  }

  /** Collects settings. Not thread-safe. */
  public static final class Builder {
    private int maxPeers = 25;
    private int outboundTarget = 8;
    private String agent = "ccoin/0.1";
    private int advertisedPort;
    private final List<InetSocketAddress> bootstrap = new ArrayList<>();
    private long handshakeTimeoutMs = 10_000;
    private long pingIntervalMs = 20_000;
    private long silenceTimeoutMs = 60_000;
    private long requestTimeoutMs = 10_000;
    private long discourageMs = 10 * 60_000;
    private long minBackoffMs = 1_000;
    private long maxBackoffMs = 60_000;
    private int blockRequestLimit = 20;
    private long blockRequestWindowMs = 10_000;
    private int syncBatch = 512;
    private long peerExchangeIntervalMs = 60_000;
    private long tickMs = 1_000;
    private int addressBookSize = 1_000;
    private long claimRetryMs = 30_000;
    private long inboundBacklogBytes = 4L * Frame.MAX_FRAME;
    private int txQueueLimit = 4 * io.ccoin.net.internal.protocol.Protocol.MAX_TXS;

    private Builder() {}

    public Builder maxPeers(int n) {
      this.maxPeers = positive("maxPeers", n);
      return this;
    }

    public Builder outboundTarget(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("outboundTarget must not be negative");
      }
      this.outboundTarget = n;
      return this;
    }

    public Builder agent(String agent) {
      if (agent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
        throw new IllegalArgumentException("the agent is at most 64 UTF-8 bytes");
      }
      this.agent = agent;
      return this;
    }

    public Builder advertisedPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port " + port);
      }
      this.advertisedPort = port;
      return this;
    }

    public Builder bootstrap(List<InetSocketAddress> peers) {
      bootstrap.clear();
      peers.forEach(p -> bootstrap.add(Objects.requireNonNull(p, "bootstrap peer")));
      return this;
    }

    public Builder handshakeTimeout(Duration d) {
      this.handshakeTimeoutMs = millis("handshakeTimeout", d);
      return this;
    }

    public Builder pingInterval(Duration d) {
      this.pingIntervalMs = millis("pingInterval", d);
      return this;
    }

    public Builder silenceTimeout(Duration d) {
      this.silenceTimeoutMs = millis("silenceTimeout", d);
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeoutMs = millis("requestTimeout", d);
      return this;
    }

    /** How long a misbehaving peer's node id is refused and its address discouraged (default 10 minutes). */
    public Builder discourageDuration(Duration d) {
      this.discourageMs = millis("discourageDuration", d);
      return this;
    }

    public Builder reconnectBackoff(Duration min, Duration max) {
      this.minBackoffMs = millis("min backoff", min);
      this.maxBackoffMs = Math.max(minBackoffMs, millis("max backoff", max));
      return this;
    }

    public Builder blockRequestLimit(int perWindow, Duration window) {
      this.blockRequestLimit = positive("blockRequestLimit", perWindow);
      this.blockRequestWindowMs = millis("blockRequestWindow", window);
      return this;
    }

    public Builder syncBatch(int max) {
      if (max < 1 || max > 512) {
        throw new IllegalArgumentException("syncBatch is 1..512, not " + max);
      }
      this.syncBatch = max;
      return this;
    }

    public Builder peerExchangeInterval(Duration d) {
      this.peerExchangeIntervalMs = millis("peerExchangeInterval", d);
      return this;
    }

    public Builder tick(Duration d) {
      this.tickMs = millis("tick", d);
      return this;
    }

    public Builder addressBookSize(int n) {
      this.addressBookSize = positive("addressBookSize", n);
      return this;
    }

    public Builder claimRetry(Duration d) {
      this.claimRetryMs = millis("claimRetry", d);
      return this;
    }

    /** The inbound backlog per connection, at least one maximal frame ({@link Frame#MAX_FRAME}). */
    public Builder inboundBacklog(long bytes) {
      if (bytes < Frame.MAX_FRAME) {
        throw new IllegalArgumentException("inboundBacklog must be at least MAX_FRAME (" + Frame.MAX_FRAME + "), not " + bytes);
      }
      this.inboundBacklogBytes = bytes;
      return this;
    }

    /** Transactions from peers that may wait for admission, at least one full {@code TXS} (1,024). */
    public Builder txQueueLimit(int transactions) {
      if (transactions < io.ccoin.net.internal.protocol.Protocol.MAX_TXS) {
        throw new IllegalArgumentException("txQueueLimit must be at least " + io.ccoin.net.internal.protocol.Protocol.MAX_TXS + ", not " + transactions);
      }
      this.txQueueLimit = transactions;
      return this;
    }

    public NetworkConfig build() {
      return new NetworkConfig(this);
    }

    private static int positive(String what, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be positive, not " + n);
      }
      return n;
    }

    private static long millis(String what, Duration d) {
      long ms = d.toMillis();
      if (ms < 1) {
        throw new IllegalArgumentException(what + " must be at least 1 ms, not " + d);
      }
      return ms;
    }
  }
}
