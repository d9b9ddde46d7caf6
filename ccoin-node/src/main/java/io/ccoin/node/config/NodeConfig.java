package io.ccoin.node.config;

import io.ccoin.api.Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A node's settings, read from {@code ccoin.json} (SPEC 12). Immutable. See docs/CONFIGURATION.md
 * for every key and its default.
 */
public record NodeConfig(
    Path basePath,
    Optional<Address> accountAddress,
    Optional<Discovery> discovery,
    P2p p2p,
    Http http,
    StoreType storeType,
    int storeWriteBehind,
    TxPoolSettings txpool) {

  /**
   * The default of {@code store.write_behind}, how many imported blocks may wait to be written to
   * the MapDB store while the chain goes on ({@link io.ccoin.core.store.WriteBehindChainStore}): 0,
   * every block written before its import returns (docs/PERFORMANCE.md measured no gain from
   * writing behind on a machine whose disk syncs quickly).
   */
  public static final int DEFAULT_STORE_WRITE_BEHIND = 0;
  /** The largest {@code store.write_behind}. */
  public static final int MAX_STORE_WRITE_BEHIND = 64;

  /** Where the node finds the discovery service. */
  public record Discovery(String host, int port, String proto) {
    public String baseUrl() {
      return proto + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Peer-to-peer settings. {@code maxPeers} empty means the genesis {@code max_peers};
   * {@code txQueueLimit} is {@link io.ccoin.net.NetworkConfig#txQueueLimit()}, the transactions from
   * peers that may wait for admission.
   */
  public record P2p(String host, int port, Optional<String> advertiseHost, List<InetSocketAddress> bootstrap,
      Optional<Integer> maxPeers, int minPeers, int maxReorgDepth, int txQueueLimit) {
    /** The network's default, four full {@code TXS} frames. */
    public static final int DEFAULT_TX_QUEUE_LIMIT = io.ccoin.net.NetworkConfig.DEFAULT.txQueueLimit();
  }

  /**
   * HTTP API settings. {@code submitRate} and {@code submitBurst} are the token bucket each client
   * address gets for {@code POST /transactions}; a rate of 0 means no limit. {@code submitConcurrency}
   * and {@code submitQueue} bound admission ({@link io.ccoin.node.http.ApiConfig#submitConcurrency()},
   * {@link io.ccoin.node.http.ApiConfig#submitQueue()}); an empty concurrency means the API's
   * default, half the processors of the machine the node runs on. {@code submitInFlight} bounds the
   * transactions of the batches being admitted ({@link io.ccoin.node.http.ApiConfig#submitInFlight()}).
   */
  public record Http(String host, int port, int submitRate, int submitBurst, Optional<Integer> submitConcurrency,
      int submitQueue, int submitInFlight) {
    /** The API's defaults: 20 submissions per second per client address, bursts of 100. */
    public static final int DEFAULT_SUBMIT_RATE = 20;
    public static final int DEFAULT_SUBMIT_BURST = 100;
    /** The API's default: 64 submissions may wait for their turn. */
    public static final int DEFAULT_SUBMIT_QUEUE = io.ccoin.node.http.ApiConfig.DEFAULT.submitQueue();
    /** The API's default: the entries of two full batches in flight. */
    public static final int DEFAULT_SUBMIT_IN_FLIGHT = io.ccoin.node.http.ApiConfig.DEFAULT.submitInFlight();

    public Http(String host, int port) {
      this(host, port, DEFAULT_SUBMIT_RATE, DEFAULT_SUBMIT_BURST, Optional.empty(), DEFAULT_SUBMIT_QUEUE, DEFAULT_SUBMIT_IN_FLIGHT);
    }
  }

  /** Which {@link io.ccoin.api.ChainStore} the node uses. */
  public enum StoreType {
    MAPDB,
    MEMORY
  }

  /** Transaction pool bounds. */
  public record TxPoolSettings(int maxCount, long maxBytes, int maxPerSender) {}

  /** The keystore folder, {@code <base_path>/keystore}. */
  public Path keystoreDir() {
    return basePath.resolve("keystore");
  }

  /** The genesis copied by {@code ccoin init}, {@code <base_path>/genesis.json}. */
  public Path genesisFile() {
    return basePath.resolve("genesis.json");
  }

  /** The node key, {@code <base_path>/node.key}. */
  public Path nodeKeyFile() {
    return basePath.resolve("node.key");
  }

  /** The chain store folder, {@code <base_path>/chain}. */
  public Path chainDir() {
    return basePath.resolve("chain");
  }

  /** The API token file, {@code <base_path>/api.token}. */
  public Path tokenFile() {
    return basePath.resolve("api.token");
  }

  /** The operator's peer bans, {@code <base_path>/peer-bans.json}. */
  public Path peerBansFile() {
    return basePath.resolve("peer-bans.json");
  }

  /** The validator's signed-height record, {@code <base_path>/signed-height}. */
  public Path signedHeightFile() {
    return basePath.resolve("signed-height");
  }
}
