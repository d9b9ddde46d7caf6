package io.ccoin.node;

import io.ccoin.api.ChainStore;
import io.ccoin.api.Genesis;
import io.ccoin.api.ImportResult;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.mining.FileSignedHeight;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.core.store.WriteBehindChainStore;
import io.ccoin.net.NetworkConfig;
import io.ccoin.net.NetworkService;
import io.ccoin.net.SyncState;
import io.ccoin.net.discovery.DiscoveryClient;
import io.ccoin.net.tcp.TcpTransport;
import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.http.ApiConfig;
import io.ccoin.node.http.ApiServer;
import io.ccoin.node.http.ApiToken;
import io.ccoin.node.http.Wallet;
import io.ccoin.store.mapdb.MapDbChainStore;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes a node from its {@code ccoin.json}: the chain store, the chain and pool (a validator
 * with its keystore account), the TCP transport and the peer-to-peer network, discovery, and the
 * HTTP API. {@link #close()} stops them in reverse order.
 */
public final class NodeRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRunner.class);
  /** The longest a validator waits for its network before it starts producing blocks. */
  static final Duration STARTUP_GRACE = Duration.ofSeconds(10);

  /** What a node does: mine (validator) or only follow and relay (basic). */
  public enum Type {
    VALIDATOR,
    BASIC
  }

  private final CcoinNode node;
  private final TcpTransport transport;
  private final NetworkService network;
  private final Optional<DiscoveryClient> discovery;
  private final ScheduledExecutorService discoveryScheduler;
  private final ApiServer api;
  private final long chainId;
  private final ScheduledExecutorService housekeeping;

  private NodeRunner(CcoinNode node, TcpTransport transport, NetworkService network, Optional<DiscoveryClient> discovery,
      ScheduledExecutorService discoveryScheduler, ApiServer api, long chainId, ScheduledExecutorService housekeeping) {
    this.housekeeping = housekeeping;
    this.node = node;
    this.transport = transport;
    this.network = network;
    this.discovery = discovery;
    this.discoveryScheduler = discoveryScheduler;
    this.api = api;
    this.chainId = chainId;
  }

  /**
   * Starts a node.
   *
   * @param passphrase the keystore passphrase of {@code client.account_address}; needed for a
   *     validator, optional for a basic node (which then has no wallet endpoint)
   * @throws IllegalArgumentException for a missing genesis, account or key (one clear message)
   */
  public static NodeRunner start(NodeConfig cfg, Type type, Optional<char[]> passphrase) {
    return start(cfg, type, passphrase, GenesisBlock::build);
  }

  /**
   * Starts a node whose genesis block {@code genesisMiner} builds, once (e.g. with progress on the
   * console: a high genesis difficulty takes long).
   *
   * @see #start(NodeConfig, Type, Optional)
   */
  public static NodeRunner start(NodeConfig cfg, Type type, Optional<char[]> passphrase, Function<Genesis, GenesisBlock> genesisMiner) {
    if (!Files.exists(cfg.genesisFile())) {
      throw new IllegalArgumentException("no genesis in " + cfg.basePath() + ": run 'ccoin init --genesis genesis.json -c <ccoin.json>' first");
    }
    Genesis genesis = GenesisParser.read(cfg.genesisFile());
    Optional<AccountKey> account = Optional.empty();
    if (type == Type.VALIDATOR && cfg.accountAddress().isEmpty()) {
      throw new IllegalArgumentException("a validator needs client.account_address in its ccoin.json");
    }
    if (cfg.accountAddress().isPresent() && (type == Type.VALIDATOR || passphrase.isPresent())) {
      if (passphrase.isEmpty()) {
        throw new IllegalArgumentException("a validator needs its keystore passphrase: --passphrase-file FILE or CCOIN_PASSPHRASE");
      }
      account = Optional.of(Keystore.read(Keystore.path(cfg.keystoreDir(), cfg.accountAddress().get()), passphrase.get()));
    }
    if (type == Type.VALIDATOR && genesis.params().minerIndex(account.get().address()) < 0) {
      if (!genesis.params().votingEnabled()) {
        throw new IllegalArgumentException("account " + account.get().address() + " is not one of the genesis miners, and this network "
            + "does not vote on its authorities (no epoch in its genesis); run it with -t basic");
      }
      // SPEC 7.1: a new authority runs its validator from the start; it produces once voted in
      LOG.info("account {} is not a genesis miner: this validator follows the chain and produces blocks once the authorities vote it in",
          account.get().address());
    }
    GenesisBlock genesisBlock = genesisMiner.apply(genesis);
    ChainStore store = cfg.storeType() == NodeConfig.StoreType.MAPDB
        ? mapDbStore(cfg, genesisBlock)
        : new MemoryChainStore();
    CcoinNode node = null;
    TcpTransport transport = null;
    NetworkService network = null;
    ApiServer api = null;
    ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ccoin-node-runner");
      t.setDaemon(true);
      return t;
    });
    try {
      Ccoin.Builder b = Ccoin.builder()
          .genesis(genesisBlock)
          .store(store)
          .chainConfig(ChainConfig.DEFAULT.withMaxReorgDepth(cfg.p2p().maxReorgDepth()))
          .poolConfig(PoolConfig.DEFAULT.withMaxCount(cfg.txpool().maxCount()).withMaxBytes(cfg.txpool().maxBytes())
              .withMaxPerSender(cfg.txpool().maxPerSender()));
      if (type == Type.VALIDATOR) {
        b.validator(account.get()).signedHeight(new FileSignedHeight(cfg.signedHeightFile()));
      }
      node = b.build();
      AccountKey nodeKey = NodeFiles.nodeKey(cfg.nodeKeyFile());
      transport = TcpTransport.builder().bind(cfg.p2p().host(), cfg.p2p().port()).build();
      int maxPeers = cfg.p2p().maxPeers().orElse(genesis.maxPeers());
      NetworkConfig netConfig = NetworkConfig.builder()
          .maxPeers(maxPeers)
          .bootstrap(cfg.p2p().bootstrap().stream().map(a -> new InetSocketAddress(a.getHostString(), a.getPort())).toList())
          .txQueueLimit(cfg.p2p().txQueueLimit())
          .build();
      network = NetworkService.builder(node, transport).nodeKey(nodeKey).config(netConfig).build();
      BlockImportLog importLog = new BlockImportLog(node::block, Clock.systemUTC());
      node.onImport(t -> {
        if (t.result().status() == ImportResult.Status.IMPORTED) {
          try {
            housekeeping.execute(() -> importLog.imported(t.result().blockHash()));
          } catch (RejectedExecutionException stopping) {
            // the node is shutting down: nothing to log
          }
        }
      });
      housekeeping.scheduleWithFixedDelay(importLog::flush, 1, 1, TimeUnit.SECONDS);
      PeerBanFile peerBans = new PeerBanFile(cfg.peerBansFile());
      int restored = peerBans.restore(network, Instant.ofEpochMilli(node.clock().millis()));
      if (restored > 0) {
        LOG.info("{} peer ban(s) restored from {}", restored, peerBans.path());
      }
      network.start();
      int p2pPort = network.localAddress().getPort();
      String advertise = cfg.p2p().advertiseHost().orElse(cfg.p2p().host());
      ApiServer.Builder apiBuilder = ApiServer.builder(node)
          .config(apiConfig(cfg.http()))
          .network(new NetworkViewAdapter(network, advertise + ":" + p2pPort, cfg.p2p().minPeers(), Optional.of(peerBans)));
      String apiToken = NodeFiles.apiToken(cfg.tokenFile());
      apiBuilder.apiToken(ApiToken.of(apiToken));
      account.ifPresent(k -> apiBuilder.wallet(Wallet.of(k, apiToken)));
      api = apiBuilder.build().start(cfg.http().host(), cfg.http().port());
      if (store instanceof WriteBehindChainStore queued) {
        api.metrics().watchWriteQueue(queued);
      }
      long chainId = genesis.params().networkId();
      ScheduledExecutorService scheduler = null;
      Optional<DiscoveryClient> discovery = Optional.empty();
      if (cfg.discovery().isPresent()) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "ccoin-discovery-client");
          t.setDaemon(true);
          return t;
        });
        DiscoveryClient client = DiscoveryClient.builder(cfg.discovery().get().baseUrl(), nodeKey).scheduler(scheduler).build();
        client.start(advertise, p2pPort, chainId);
        NetworkService net = network;
        scheduler.scheduleWithFixedDelay(() -> dialDiscovered(client, net, chainId), 1, 10, TimeUnit.SECONDS);
        discovery = Optional.of(client);
      }
      LOG.info("{} node on P2P {}:{}, node id {}; HTTP API on http://{}:{}/api/v1", type.name().toLowerCase(java.util.Locale.ROOT),
          cfg.p2p().host(), p2pPort, network.nodeId().toHex(), cfg.http().host(), api.port());
      startProduction(type, cfg, node, network, housekeeping);
      return new NodeRunner(node, transport, network, discovery, scheduler, api, chainId, housekeeping);
    } catch (RuntimeException e) {
      housekeeping.shutdownNow();
      if (api != null) {
        api.close();
      }
      if (network != null) {
        network.close();
      } else if (transport != null) {
        transport.close();
      }
      if (node != null) {
        node.close();
      } else {
        store.close();
      }
      throw e;
    }
  }

  /**
   * The node's MapDB store, wrapped to write imported blocks behind the chain when
   * {@code store.write_behind} is above 0.
   */
  private static ChainStore mapDbStore(NodeConfig cfg, GenesisBlock genesisBlock) {
    MapDbChainStore mapDb = MapDbChainStore.open(cfg.chainDir(), MapDbChainStore.Options.defaults().expectingGenesis(genesisBlock.hash()));
    return cfg.storeWriteBehind() == 0 ? mapDb : new WriteBehindChainStore(mapDb, cfg.storeWriteBehind());
  }

  /** The API's settings from the {@code http} section: the defaults of {@link ApiConfig} for what it leaves out. */
  static ApiConfig apiConfig(NodeConfig.Http http) {
    ApiConfig.Builder b = ApiConfig.builder()
        .submitRate(http.submitRate() == 0 ? ApiConfig.RateLimit.UNLIMITED : new ApiConfig.RateLimit(http.submitRate(), http.submitBurst()))
        .submitQueue(http.submitQueue())
        .submitInFlight(http.submitInFlight());
    http.submitConcurrency().ifPresent(b::submitConcurrency);
    return b.build();
  }

  /**
   * Starts the node (for a validator: block production) once the network had its chance: a
   * validator that expects peers (bootstrap addresses or a discovery service) waits until it has
   * max(1, p2p.min_peers) peers and its sync state is SYNCED, or at most {@link #STARTUP_GRACE}, so
   * that it does not mine block 1 on its own and reorganise it away a moment later. A basic node,
   * or a validator alone, starts at once.
   */
  private static void startProduction(Type type, NodeConfig cfg, CcoinNode node, NetworkService network,
      ScheduledExecutorService housekeeping) {
    boolean expectsPeers = !cfg.p2p().bootstrap().isEmpty() || cfg.discovery().isPresent();
    if (type != Type.VALIDATOR || !expectsPeers) {
      node.start();
      return;
    }
    int peers = Math.max(1, cfg.p2p().minPeers());
    LOG.info("block production waits for {} {} and the initial sync (at most {} s)", peers, peers == 1 ? "peer" : "peers",
        STARTUP_GRACE.toSeconds());
    StartGate gate = new StartGate(() -> network.peers().size() >= peers && network.syncState() == SyncState.SYNCED,
        Clock.systemUTC(), STARTUP_GRACE, ready -> {
          if (ready) {
            LOG.info("network up ({} {}, synced): starting block production", network.peers().size(),
                network.peers().size() == 1 ? "peer" : "peers");
          } else {
            LOG.warn("starting block production with {} of {} peers after {} s (sync state {})", network.peers().size(), peers,
                STARTUP_GRACE.toSeconds(), network.syncState());
          }
          try {
            node.start();
          } catch (IllegalStateException closed) {
            LOG.debug("not starting production: {}", closed.getMessage());
          }
        });
    housekeeping.execute(new Runnable() {
      @Override
      public void run() {
        if (!gate.poll()) {
          housekeeping.schedule(this, 100, TimeUnit.MILLISECONDS);
        }
      }
    });
  }

  private static void dialDiscovered(DiscoveryClient client, NetworkService network, long chainId) {
    try {
      client.peers(chainId).ifPresent(list -> {
        for (var p : list) {
          if (!p.nodeId().equals(network.nodeId().hash())
              && network.peers().stream().noneMatch(known -> known.nodeId().hash().equals(p.nodeId()))) {
            network.connect(new InetSocketAddress(p.host(), p.port()));
          }
        }
      });
    } catch (RuntimeException e) {
      LOG.debug("dialling discovered peers failed: {}", e.toString());
    }
  }

  public CcoinNode node() {
    return node;
  }

  public NetworkService network() {
    return network;
  }

  /** The settings the node's HTTP API runs with. */
  public ApiConfig apiConfig() {
    return api.config();
  }

  public int httpPort() {
    return api.port();
  }

  /** What {@code GET /metrics} would answer now. */
  String metrics() {
    return api.metrics().scrape();
  }

  public int p2pPort() {
    return network.localAddress().getPort();
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    api.close();
    discovery.ifPresent(d -> {
      d.stop();
      d.deregister(chainId);
      d.close();
    });
    if (discoveryScheduler != null) {
      discoveryScheduler.shutdownNow();
    }
    network.close();
    transport.close();
    node.close();
  }
}
