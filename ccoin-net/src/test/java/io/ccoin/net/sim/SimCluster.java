package io.ccoin.net.sim;

import io.ccoin.api.Genesis;
import io.ccoin.api.Transaction;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.net.NetworkConfig;
import io.ccoin.net.NetworkService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A simulated network of ccoin nodes for tests: three miners (the vector keys), interval 1 s,
 * leader timeout 1 s, difficulty 1, two funded accounts, all on one virtual clock, in-memory links
 * and seeded randomness.
 */
public final class SimCluster implements AutoCloseable {
  public static final long T0 = 1_764_000_000_000L;
  public static final int PORT = 30333;
  public static final long NETWORK_ID = 7;

  public final VirtualScheduler scheduler = new VirtualScheduler(T0);
  public final SimNetwork network;
  public final Genesis genesis;
  public final GenesisBlock genesisBlock;
  public final AccountKey alice = SimKeys.key("alice");
  public final AccountKey bob = SimKeys.key("bob");
  public final List<SimNode> nodes = new ArrayList<>();
  private final long seed;
  private NetworkConfig config = NetworkConfig.builder().build();

  /** One simulated node. */
  public record SimNode(String host, CcoinNode node, NetworkService net, SimTransport transport, InlineMiner miner) {
    public InetSocketAddress address() {
      return transport.localAddress();
    }

    public long height() {
      return node.head().number();
    }
  }

  public SimCluster(long seed) {
    this(seed, "");
  }

  /** @param miningExtra extra {@code block_mining} keys */
  public SimCluster(long seed, String miningExtra) {
    this(seed, GenesisParser.parse(genesisText(miningExtra)));
  }

  /** A cluster on another network's genesis (its timestamp should be {@link #T0}). */
  public SimCluster(long seed, Genesis genesis) {
    this.seed = seed;
    this.network = new SimNetwork(scheduler, seed);
    this.genesis = genesis;
    this.genesisBlock = GenesisBlock.build(genesis);
  }

  /** The cluster's genesis file, with {@code miningExtra} added to its {@code block_mining}. */
  static String genesisText(String miningExtra) {
    AccountKey alice = SimKeys.key("alice");
    AccountKey bob = SimKeys.key("bob");
    return """
        {
          "network_id": %d,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": 50, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["predef", "sim"], "leader_timeout": 1,
                           "min_gap": 0.1, "max_drift": 0.4%s},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {"%s": {"balance": 1000000000}, "%s": {"balance": 1000000000}}
        }
        """.formatted(NETWORK_ID, T0, TestKeys.vector(0).address(), TestKeys.vector(1).address(), TestKeys.vector(2).address(),
        miningExtra, alice.address(), bob.address());
  }

  /** The network id of this cluster's genesis. */
  public long networkId() {
    return genesis.params().networkId();
  }

  public SimCluster config(NetworkConfig c) {
    this.config = c;
    return this;
  }

  /** Adds a validator mining with vector key {@code minerIndex}, bootstrapping to every node added before. */
  public SimNode validator(int minerIndex) {
    return add("m" + minerIndex, TestKeys.vector(minerIndex), true);
  }

  /** Adds a plain node. */
  public SimNode plain(String name) {
    return add(name, null, true);
  }

  /** Adds a node; {@code minerKey} null for a plain node. */
  public SimNode add(String host, AccountKey minerKey, boolean bootstrapToOthers) {
    List<InetSocketAddress> boot = new ArrayList<>();
    if (bootstrapToOthers) {
      nodes.forEach(n -> boot.add(n.address()));
    }
    return add(host, minerKey, boot);
  }

  /** Adds a node with these bootstrap peers; {@code minerKey} null for a plain node. */
  public SimNode add(String host, AccountKey minerKey, List<InetSocketAddress> boot) {
    return add(host, minerKey, boot, null);
  }

  /** Adds a node with these bootstrap peers on {@code store} (a new memory store when null); {@code minerKey} null for a plain node. */
  public SimNode add(String host, AccountKey minerKey, List<InetSocketAddress> boot, io.ccoin.api.ChainStore store) {
    InlineMiner miner = new InlineMiner();
    Ccoin.Builder b = Ccoin.builder().genesis(genesis).clock(scheduler.clock()).scheduler(scheduler).miner(miner).productionPollMs(50);
    if (store != null) {
      b.store(store);
    }
    if (minerKey != null) {
      b.validator(minerKey);
    }
    CcoinNode node = b.build();
    SimTransport transport = network.transport(host, PORT);
    NetworkService net = NetworkService.builder(node, transport)
        .nodeKey(SimKeys.key("node-" + host))
        .config(config.toBuilder().bootstrap(boot).build())
        .scheduler(scheduler)
        .random(new Random(seed * 31 + host.hashCode()))
        .build();
    SimNode n = new SimNode(host, node, net, transport, miner);
    nodes.add(n);
    return n;
  }

  /** Starts every node not started yet. */
  public void start(SimNode... which) {
    for (SimNode n : which) {
      n.node().start();
      n.net().start();
    }
  }

  public boolean runUntil(BooleanSupplier condition, Duration maxVirtual) {
    return scheduler.runUntil(condition, maxVirtual);
  }

  public void runFor(Duration d) {
    scheduler.runFor(d);
  }

  /** A transfer signed for this network. */
  public Transaction transfer(AccountKey from, long nonce, long value, long fee) {
    AccountKey to = from == alice ? bob : alice;
    return TransactionBuilder.forNetwork(networkId(), genesisBlock.hash()).nonce(nonce).to(to.address()).value(value).fee(fee).sign(from);
  }

  /** True when every listed node has the same head. */
  public static boolean sameHead(List<SimNode> which) {
    return which.stream().map(n -> n.node().head().hash()).distinct().count() == 1;
  }

  public long maxHeight() {
    return nodes.stream().mapToLong(SimNode::height).max().orElse(0);
  }

  @Override
  public void close() {
    for (SimNode n : nodes) {
      n.net().stop();
    }
    scheduler.runFor(Duration.ofSeconds(1));
    for (SimNode n : nodes) {
      n.node().close();
    }
  }
}
