package io.ccoin.net;

import io.ccoin.core.internal.NodeAccess;
import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.internal.gossip.Gossip;
import io.ccoin.net.internal.peer.NetworkThread;
import io.ccoin.net.internal.peer.Peer;
import io.ccoin.net.internal.peer.PeerExchange;
import io.ccoin.net.internal.peer.PeerListener;
import io.ccoin.net.internal.peer.PeerManager;
import io.ccoin.net.internal.protocol.Blocks;
import io.ccoin.net.internal.protocol.GetBlocks;
import io.ccoin.net.internal.protocol.GetPeers;
import io.ccoin.net.internal.protocol.Message;
import io.ccoin.net.internal.protocol.NewBlock;
import io.ccoin.net.NodeId;
import io.ccoin.net.internal.protocol.Peers;
import io.ccoin.net.internal.protocol.Transactions;
import io.ccoin.net.internal.sync.BlockServer;
import io.ccoin.net.internal.sync.Synchronizer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches a {@link CcoinNode} to a network through any {@link PeerTransport}: speaks the SPEC 9
 * protocol (handshake, keepalive, gossip, sync, peer exchange), keeps the node in step with its
 * peers, and announces the blocks it produces.
 *
 * <pre>{@code
 * NetworkService net = NetworkService.builder(node, transport)
 *     .nodeKey(nodeKey)
 *     .config(NetworkConfig.builder().bootstrap(List.of(seed)).build())
 *     .build()
 *     .start();
 * net.peers();  net.syncStatus();  net.isReady(1);
 * net.close();
 * }</pre>
 *
 * <p><b>Threads.</b> All protocol work runs on one network thread: a private single-thread
 * scheduler, or the scheduler given to the builder (a simulator's virtual-time one). The
 * transport's callbacks and the node's events are handed to it. The public methods are
 * thread-safe; {@link #peers()} and {@link #syncStatus()} read snapshots published after each
 * event. The service starts and closes the transport; it does not close the node.
 */
public final class NetworkService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkService.class);
  /** How the reason starts when a connection is closed for sending faster than the node handles its frames. */
  public static final String INBOUND_BACKLOG = "inbound backlog full:";
  /** What {@link NetworkThread#schedule} answers once the service stopped. */
  private static final ScheduledFuture<?> CANCELLED = new ScheduledFuture<>() {
    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(0, o.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      throw new java.util.concurrent.CancellationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new java.util.concurrent.CancellationException();
    }
  };

  private final CcoinNode node;
  private final PeerTransport transport;
  private final NetworkConfig config;
  private final ScheduledExecutorService loop;
  private final boolean ownsLoop;
  private final Clock clock;
  private final PeerManager peers;
  private final Synchronizer sync;
  private final Gossip gossip;
  private final BlockServer server;
  private final PeerExchange exchange;
  private final Executor onLoop;
  private final NetworkThread thread;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private volatile List<PeerInfo> peerSnapshot = List.of();
  private volatile SyncStatus syncSnapshot = new SyncStatus(SyncState.BOOT, Optional.empty(), 0, 0);
  private volatile boolean running;
  private volatile boolean started;
  private ScheduledFuture<?> ticker;

  private NetworkService(Builder b) {
    this.node = b.node;
    this.transport = b.transport;
    this.config = b.config;
    this.ownsLoop = b.scheduler == null;
    this.loop = b.scheduler != null ? b.scheduler : ownLoop();
    this.clock = node.clock();
    Random random = b.random != null ? b.random : new SecureRandom();
    this.onLoop = this::submit;
    this.thread = new NetworkThread() {
      @Override
      public void execute(Runnable task) {
        submit(task);
      }

      @Override
      public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
          return loop.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          if (running) {
            throw e;
          }
          return CANCELLED; // stopping: nothing more is scheduled
        }
      }
    };
    this.peers = new PeerManager(config, node, transport, b.nodeKey, thread, clock, random);
    this.sync = new Synchronizer(node, peers, config, thread, clock);
    this.gossip = new Gossip(node, peers, sync, thread, config.txQueueLimit());
    this.server = new BlockServer(NodeAccess.chain(node), peers, clock);
    this.exchange = new PeerExchange(peers, config, clock);
  }

  /**
   * The service's own network thread. Delayed tasks (handshake and request timeouts) are dropped
   * at shutdown rather than waited for, so that {@link #stop()} does not wait for them.
   */
  private static ScheduledExecutorService ownLoop() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "ccoin-net");
      t.setDaemon(true);
      return t;
    });
    e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    e.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  /** Hands {@code task} to the network thread; once the service stopped, it is dropped. */
  private void submit(Runnable task) {
    try {
      loop.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      if (running) {
        throw e;
      }
      // stopping: the transport reports its connections closed after the network thread ended
    }
  }

  /** A builder for a service attaching {@code node} to {@code transport}. */
  public static Builder builder(CcoinNode node, PeerTransport transport) {
    return new Builder(node, transport);
  }

  /** Starts the transport, dials the bootstrap peers and begins the periodic work. Once only. */
  public synchronized NetworkService start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    running = true;
    subscriptions.add(node.onTxAdded(onLoop, gossip::onTxAdded));
    // announced as soon as it is sealed, so that peers import it while this node does
    subscriptions.add(node.onBlockSealed(onLoop, gossip::onProduced));
    subscriptions.add(node.onNewHead(onLoop, gossip::onNewHead));
    onLoop.execute(() -> peers.start(new Dispatcher()));
    transport.start(new TransportEvents());
    onLoop.execute(peers::dialNow);
    ticker = loop.scheduleWithFixedDelay(guarded(this::tick), config.tickMs(), config.tickMs(), TimeUnit.MILLISECONDS);
    LOG.info("network started on {} as node {}", transport.localAddress(), peers.self());
    return this;
  }

  /**
   * Says {@code BYE 5} to every peer, closes the transport and stops all work. Idempotent. With its
   * own thread it returns when done; on an injected scheduler the shutdown is queued there.
   */
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    subscriptions.forEach(Subscription::close);
    Runnable shutdown = () -> {
      try {
        peers.stop();
      } finally {
        if (ticker != null) {
          ticker.cancel(false);
        }
        transport.close();
        peerSnapshot = List.of();
      }
    };
    if (ownsLoop) {
      loop.execute(shutdown);
      loop.shutdown();
      try {
        if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
          loop.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        loop.shutdownNow();
      }
    } else {
      loop.execute(shutdown);
    }
    LOG.info("network stopped");
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Dials {@code address} and keeps it as a static peer (redialed with backoff when the connection
   * ends). The future completes with the peer once the handshake succeeded, and fails when the
   * dial or the handshake fails (at once when the service is not running).
   */
  public CompletableFuture<PeerInfo> connect(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    CompletableFuture<PeerInfo> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the network service is not running"));
      return result;
    }
    onLoop.execute(() -> peers.connect(address).whenComplete((p, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        result.complete(info(p));
      }
    }));
    return result;
  }

  /** The established peers, in the order they connected. */
  public List<PeerInfo> peers() {
    return peerSnapshot;
  }

  /**
   * Transactions received from peers and dropped unchecked because
   * {@link NetworkConfig#txQueueLimit()} of them already waited for admission, or because an
   * earlier nonce of their sender was dropped ({@link #transactionsDroppedAfterGap()}). Thread-safe.
   */
  public long transactionsDropped() {
    return gossip.transactionsDropped();
  }

  /**
   * Of {@link #transactionsDropped()}, those dropped because an earlier nonce of their sender was
   * dropped (or refused {@code pool_full} or {@code nonce_too_far}) and has not reached the node
   * since: kept, they would only wait in the pool behind the missing one. Thread-safe.
   */
  public long transactionsDroppedAfterGap() {
    return gossip.transactionsDroppedAfterGap();
  }

  /**
   * Transactions received from peers and not queued for admission because the pool held them
   * already or they waited for admission already (another peer sent them too). Thread-safe.
   */
  public long transactionsSkippedKnown() {
    return gossip.transactionsSkippedKnown();
  }

  /** The sync state machine's state and, while syncing, its peer and progress. */
  public SyncStatus syncStatus() {
    return syncSnapshot;
  }

  public SyncState syncState() {
    return syncSnapshot.state();
  }

  /**
   * The network's inputs to readiness ({@code GET /health/ready}, SPEC 11): synced, at least
   * {@code minPeers} peers, and no refused reorg.
   */
  public boolean isReady(int minPeers) {
    return syncState() == SyncState.SYNCED && peers().size() >= minPeers && !node.reorgRefused();
  }

  // ---- misbehaviour and bans (SPEC 9, 11) --------------------------------------------------------

  /**
   * Bans {@code range} for {@code duration} (an operator's decision, SPEC 11): its connections are
   * closed with {@code BYE 4} and new ones are refused both ways, bootstrap peers included. A ban of
   * the same range replaces the earlier one. Kept in memory (the reference node also writes its bans
   * to its base path and restores them with {@link #banUntil}).
   *
   * @return the ban in force
   * @throws IllegalArgumentException if {@code duration} is not positive
   */
  public ManualBan ban(IpRange range, Duration duration) {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a ban lasts a positive time, not " + duration);
    }
    return banUntil(range, Instant.ofEpochMilli(Math.addExact(clock.millis(), duration.toMillis())));
  }

  /**
   * Bans {@code range} until {@code until}, as {@link #ban(IpRange, Duration)} does (a time already
   * past bans nothing); for bans kept across a restart.
   */
  public ManualBan banUntil(IpRange range, Instant until) {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(until, "until");
    peers.standing().bans().ban(range, until.toEpochMilli());
    LOG.info("banned {} until {} (by the operator)", range, until);
    if (running) {
      onLoop.execute(peers::enforceBans);
    }
    return new ManualBan(range, until);
  }

  /** Lifts the ban of exactly {@code range} (not of a range that contains it); false when there was none in force. */
  public boolean unban(IpRange range) {
    boolean lifted = peers.standing().bans().lift(Objects.requireNonNull(range, "range"), clock.millis());
    if (lifted) {
      LOG.info("lifted the ban of {} (by the operator)", range);
    }
    return lifted;
  }

  /** The operator's bans in force, soonest to end first. */
  public List<ManualBan> bans() {
    return peers.standing().bans().active(clock.millis());
  }

  /** Discouraged addresses (SPEC 9) and when each stops being discouraged, sorted by address. */
  public Map<String, Instant> discouraged() {
    return instants(peers.standing().discouraged().snapshot(clock.millis(), h -> h));
  }

  /** Node ids refused after misbehaviour (SPEC 9), in hex, and when each refusal ends, sorted by id. */
  public Map<String, Instant> refusedNodeIds() {
    return instants(peers.standing().refusedIds().snapshot(clock.millis(), NodeId::toHex));
  }

  private static Map<String, Instant> instants(Map<String, Long> epochMs) {
    Map<String, Instant> out = new java.util.LinkedHashMap<>();
    epochMs.forEach((k, v) -> out.put(k, Instant.ofEpochMilli(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** This node's id, {@code H(nodeKey spki)}. */
  public NodeId nodeId() {
    return peers.self();
  }

  /** Where the transport accepts connections. */
  public InetSocketAddress localAddress() {
    return transport.localAddress();
  }

  public NetworkConfig config() {
    return config;
  }

  public CcoinNode node() {
    return node;
  }

  // ---- the network thread ----------------------------------------------------------------------

  private Runnable guarded(Runnable r) {
    return () -> {
      if (!running) {
        return;
      }
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.warn("network task failed", e);
        throw e;
      } finally {
        publish();
      }
    };
  }

  private void tick() {
    peers.tick();
    sync.tick();
    gossip.tick(clock.millis());
    exchange.tick();
  }

  private void publish() {
    List<PeerInfo> list = new ArrayList<>();
    for (Peer p : peers.established()) {
      list.add(info(p));
    }
    peerSnapshot = List.copyOf(list);
    syncSnapshot = sync.status();
  }

  private static PeerInfo info(Peer p) {
    return new PeerInfo(p.nodeId(), p.listenAddress(), p.direction(), p.headNumber(), p.headHash(), p.totalWeight(), p.agent());
  }

  /**
   * Hands the transport's callbacks to the network thread, counting each connection's frames that
   * wait there: a connection whose backlog would go over {@link NetworkConfig#inboundBacklogBytes()}
   * is closed, so a peer that sends faster than the node handles its frames cannot fill the memory.
   */
  private final class TransportEvents implements PeerTransport.Listener {
    private final Map<Long, AtomicLong> backlog = new ConcurrentHashMap<>();

    @Override
    public void onOpened(PeerConnection connection) {
      backlog.put(connection.id(), new AtomicLong());
      onLoop.execute(() -> peers.opened(connection));
    }

    @Override
    public void onFrame(PeerConnection connection, Frame frame) {
      AtomicLong waiting = backlog.computeIfAbsent(connection.id(), id -> new AtomicLong());
      long size = frame.length();
      long total = waiting.addAndGet(size);
      if (total > config.inboundBacklogBytes()) {
        waiting.addAndGet(-size);
        connection.close(INBOUND_BACKLOG + " " + (total - size) + " bytes of frames wait to be handled and " + size
            + " more exceed the limit of " + config.inboundBacklogBytes());
        return;
      }
      onLoop.execute(() -> {
        waiting.addAndGet(-size);
        peers.frame(connection, frame);
      });
    }

    @Override
    public void onClosed(PeerConnection connection, String reason) {
      backlog.remove(connection.id());
      onLoop.execute(() -> peers.closed(connection, reason));
    }
  }

  /** Routes established peers' messages to gossip, sync and peer exchange. */
  private final class Dispatcher implements PeerListener {
    @Override
    public void onEstablished(Peer peer) {
      gossip.onEstablished(peer);
      exchange.onEstablished(peer);
      sync.onEstablished(peer);
    }

    @Override
    public void onMessage(Peer peer, Message m) {
      if (m instanceof Transactions txs) {
        gossip.onTransactions(peer, txs);
      } else if (m instanceof NewBlock nbl) {
        gossip.onNewBlock(peer, nbl);
      } else if (m instanceof GetBlocks gbl) {
        server.onGetBlocks(peer, gbl);
      } else if (m instanceof Blocks bls) {
        sync.onBlocks(peer, bls);
      } else if (m instanceof GetPeers gpe) {
        exchange.onGetPeers(peer, gpe);
      } else if (m instanceof Peers pes) {
        exchange.onPeers(peer, pes);
      }
    }

    @Override
    public void onClosed(Peer peer) {
      sync.onClosed(peer);
    }
  }

  /** Collects a service's parts. Not thread-safe; build once. */
  public static final class Builder {
    private final CcoinNode node;
    private final PeerTransport transport;
    private AccountKey nodeKey;
    private NetworkConfig config = NetworkConfig.DEFAULT;
    private ScheduledExecutorService scheduler;
    private Random random;

    private Builder(CcoinNode node, PeerTransport transport) {
      this.node = Objects.requireNonNull(node, "node");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The node key that identifies this node (required; {@code nodeId = H(spki)}). */
    public Builder nodeKey(AccountKey key) {
      this.nodeKey = Objects.requireNonNull(key, "key");
      return this;
    }

    public Builder config(NetworkConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The scheduler that is the network thread; a private one unless set. It must run one task at a
     * time (a single thread, or a simulator's virtual-time scheduler). The service does not shut
     * down a scheduler it was given.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The source of handshake challenges and ping nonces: a {@link SecureRandom} unless set.
     * Only a simulation should pass a seeded one.
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public NetworkService build() {
      if (nodeKey == null) {
        throw new IllegalStateException("a node key is required: call nodeKey(...)");
      }
      return new NetworkService(this);
    }
  }
}
