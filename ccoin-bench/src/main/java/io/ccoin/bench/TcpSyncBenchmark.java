package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Genesis;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.consensus.Ranks;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.merkle.StateTree;
import io.ccoin.core.mining.BlockAssembler;
import io.ccoin.core.state.BlockExecutor;
import io.ccoin.core.state.TxVerifier;
import io.ccoin.net.NetworkService;
import io.ccoin.net.tcp.TcpTransport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fresh node syncing a chain over loopback TCP, against the same blocks imported directly into
 * a node (no network) in the same run. The chain is {@code --blocks} blocks (default 1,000) of
 * {@code --txs} signed transfers each (default 100): 100,000 transactions.
 *
 * <p>Each round: a new node imports the blocks with {@link CcoinNode#importBlock} (the baseline),
 * then a new node with its own {@link NetworkService} and {@link TcpTransport} on 127.0.0.1 dials a
 * source node that has the chain, and the time runs from the dial to its head reaching the last
 * block. Both new nodes start with empty signature caches. A first, untimed import fills the source
 * node and warms up the JIT.
 *
 * <pre>
 * mvn -B package -pl ccoin-bench -am -DskipTests
 * java -cp ccoin-bench/target/benchmarks.jar io.ccoin.bench.TcpSyncBenchmark [--blocks 1000] [--txs 100]
 *     [--rounds 3] [--cache target/tcp-sync-blocks.bin]
 * </pre>
 *
 * Signing the 100,000 transactions takes a minute or two; {@code --cache FILE} keeps the blocks
 * (and the genesis) in a file so that later runs skip it.
 */
public final class TcpSyncBenchmark {
  static final long T0 = 1_764_000_000_000L;
  private static final int CACHE_MAGIC = 0x63535943; // "cSYC"

  private TcpSyncBenchmark() {}

  /** A genesis and the chain on it. */
  record Fixture(String genesisJson, Genesis genesis, List<Block> blocks) {
    long txCount() {
      return blocks.stream().mapToLong(b -> b.transactions().size()).sum();
    }
  }

  public static void main(String[] args) throws Exception {
    int blocks = 1000;
    int txs = 100;
    int rounds = 3;
    Path cache = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--blocks" -> blocks = Integer.parseInt(args[++i]);
        case "--txs" -> txs = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: [--blocks N] [--txs N] [--rounds N] [--cache FILE]");
      }
    }
    System.out.printf("machine: %d processors, %s, %s %s, load average %.2f, max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().maxMemory() >> 20);

    long t = System.nanoTime();
    Fixture f = cache != null && Files.exists(cache) ? load(cache, blocks, txs) : null;
    if (f == null) {
      f = build(blocks, txs, 20, 20261124L);
      System.out.printf("built %d blocks of %d transactions in %.1f s%n", blocks, txs, seconds(t));
      if (cache != null) {
        save(f, cache);
      }
    } else {
      System.out.printf("loaded %d blocks of %d transactions from %s in %.1f s%n", blocks, txs, cache, seconds(t));
    }
    long totalTxs = f.txCount();
    long bytes = f.blocks().stream().mapToLong(b -> Codec.encode(b).length).sum();
    System.out.printf("chain: %d blocks, %d transactions, %.1f MB encoded%n", f.blocks().size(), totalTxs, bytes / 1e6);

    try (CcoinNode source = node(f)) {
      t = System.nanoTime();
      importAll(source, f);
      System.out.printf("warm-up: the source node imported the chain in %.2f s (%.0f tx/s)%n", seconds(t),
          totalTxs / seconds(t));
      TcpTransport sourceTransport = TcpTransport.builder().bind("127.0.0.1", 0).build();
      try (NetworkService sourceNet = NetworkService.builder(source, sourceTransport).nodeKey(nodeKey(1)).build().start()) {
        List<double[]> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
          double direct = direct(f);
          double[] tcp = overTcp(f, sourceNet);
          results.add(new double[] {direct, tcp[0]});
          System.out.printf("round %d: direct import %.2f s = %.0f tx/s; TCP sync %.2f s = %.0f tx/s (importing %.2f s of it); "
              + "TCP/direct %.2f%n", r, direct, totalTxs / direct, tcp[0], totalTxs / tcp[0], tcp[1], direct / tcp[0]);
        }
        double bestDirect = results.stream().mapToDouble(x -> x[0]).min().orElseThrow();
        double bestTcp = results.stream().mapToDouble(x -> x[1]).min().orElseThrow();
        System.out.printf("best of %d: direct import %.0f tx/s, TCP sync %.0f tx/s (%.2f s for %d blocks), TCP/direct %.2f%n",
            rounds, totalTxs / bestDirect, totalTxs / bestTcp, bestTcp, f.blocks().size(), bestDirect / bestTcp);
      }
    }
  }

  /** Seconds to import every block into a new node in memory. */
  static double direct(Fixture f) {
    try (CcoinNode n = node(f)) {
      long t = System.nanoTime();
      importAll(n, f);
      return seconds(t);
    }
  }

  /**
   * Seconds from dialing the source to a new node's head reaching the last block, and the seconds
   * of that spent in {@link CcoinNode#importBlock}.
   */
  static double[] overTcp(Fixture f, NetworkService sourceNet) throws Exception {
    long last = f.blocks().size();
    try (CcoinNode n = node(f)) {
      CountDownLatch done = new CountDownLatch(1);
      Subscription sub = n.onNewHead(e -> {
        if (e.head().number() >= last) {
          done.countDown();
        }
      });
      java.util.concurrent.atomic.AtomicLong importNanos = new java.util.concurrent.atomic.AtomicLong();
      Subscription timing = n.onImport(i -> importNanos.addAndGet(i.nanos()));
      TcpTransport transport = TcpTransport.builder().bind("127.0.0.1", 0).build();
      try (NetworkService net = NetworkService.builder(n, transport).nodeKey(nodeKey(2)).build().start()) {
        long t = System.nanoTime();
        net.connect(sourceNet.localAddress());
        if (!done.await(10, TimeUnit.MINUTES) && n.head().number() < last) {
          throw new IllegalStateException("the sync did not finish: head #" + n.head().number());
        }
        double s = seconds(t);
        if (!n.head().hash().equals(sourceNet.node().head().hash())) {
          throw new IllegalStateException("synced to another head");
        }
        sub.close();
        timing.close();
        return new double[] {s, importNanos.get() / 1e9};
      }
    }
  }

  static CcoinNode node(Fixture f) {
    return Ccoin.builder().genesis(f.genesis()).build().start();
  }

  static void importAll(CcoinNode n, Fixture f) {
    for (Block b : f.blocks()) {
      ImportResult r = n.importBlock(b);
      if (r.status() != ImportResult.Status.IMPORTED) {
        throw new IllegalStateException("block #" + b.number() + " did not import: " + r);
      }
    }
  }

  private static final AccountKey[] NODE_KEYS = new AccountKey[3];

  static synchronized AccountKey nodeKey(int i) {
    if (NODE_KEYS[i] == null) {
      NODE_KEYS[i] = AccountKey.generate(new SecureRandom());
    }
    return NODE_KEYS[i];
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  // ---- the chain -------------------------------------------------------------------------------

  /**
   * Three miners taking turns in order, {@code senders} rich accounts, and {@code blockCount} blocks
   * of {@code txsPerBlock} transfers (round-robin over the senders, to 5,000 random recipients),
   * signed in parallel. Deterministic for a seed.
   */
  static Fixture build(int blockCount, int txsPerBlock, int senderCount, long seed) throws Exception {
    SecureRandom keyRandom = SecureRandom.getInstance("SHA1PRNG");
    keyRandom.setSeed(seed);
    List<AccountKey> miners = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      miners.add(AccountKey.generate(keyRandom));
    }
    List<AccountKey> senders = new ArrayList<>();
    for (int i = 0; i < senderCount; i++) {
      senders.add(AccountKey.generate(keyRandom));
    }
    StringBuilder alloc = new StringBuilder();
    for (AccountKey s : senders) {
      alloc.append(alloc.length() == 0 ? "" : ", ").append('"').append(s.address()).append("\": {\"balance\": 1000000000000}");
    }
    String json = """
        {
          "network_id": 11,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": %d, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 4], "leader_timeout": 0.5,
                           "min_gap": 0.1, "max_drift": 0.2},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {%s}
        }
        """.formatted(T0, miners.get(0).address(), miners.get(1).address(), miners.get(2).address(), txsPerBlock, alloc);
    Genesis genesis = GenesisParser.parse(json);
    GenesisBlock g = GenesisBlock.build(genesis);
    ConsensusParams params = genesis.params();
    TxVerifier verifier = new TxVerifier(params, g.hash(), 1 << 20);
    BlockAssembler assembler = new BlockAssembler(verifier);
    BlockExecutor executor = new BlockExecutor(verifier);

    Random random = new Random(seed);
    List<Address> recipients = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      byte[] a = new byte[Address.SIZE];
      random.nextBytes(a);
      recipients.add(Address.of(a));
    }
    long[] nonces = new long[senderCount];
    StoredBlock parent = new StoredBlock(g.block(), g.hash(), 0);
    StateTree state = StateTree.of(g.state());
    List<Block> blocks = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    long t = System.nanoTime();
    try {
      for (int b = 0; b < blockCount; b++) {
        List<Future<Transaction>> signing = new ArrayList<>();
        for (int i = 0; i < txsPerBlock; i++) {
          int s = i % senderCount;
          AccountKey from = senders.get(s);
          TransactionBuilder tx = TransactionBuilder.forNetwork(params.networkId(), g.hash()).nonce(nonces[s]++)
              .to(recipients.get(random.nextInt(recipients.size()))).value(1 + random.nextInt(1000)).fee(1);
          signing.add(pool.submit(() -> tx.sign(from)));
        }
        List<Transaction> txs = new ArrayList<>();
        for (Future<Transaction> fu : signing) {
          txs.add(fu.get());
        }
        BlockHeader ph = parent.block().header();
        Address leader = Ranks.leader(params, ph);
        AccountKey miner = miners.stream().filter(k -> k.address().equals(leader)).findFirst().orElseThrow();
        long ts = Ranks.earliestTimestamp(params, ph, 0, txs.size());
        BlockAssembler.Assembled a = assembler.assemble(parent, state, miner.address(), ts, txs, Bytes.of((byte) 1));
        if (a.transactions().size() != txs.size()) {
          throw new IllegalStateException("only " + a.transactions().size() + " of " + txs.size() + " transactions fit a block");
        }
        Block block = ImportFixture.seal(a.header(), a.transactions(), miner);
        BlockExecutor.Execution e = executor.execute(state, Hashes.candidate(block));
        if (!e.isValid()) {
          throw new IllegalStateException("built an invalid block: " + e.result());
        }
        state = e.state().tree();
        parent = new StoredBlock(block, Hashes.blockHash(block.sealedHeader()), parent.totalWeight() + 2);
        blocks.add(block);
        if ((b + 1) % 100 == 0) {
          System.out.printf("  built %d blocks in %.0f s%n", b + 1, seconds(t));
        }
      }
    } finally {
      pool.shutdown();
    }
    return new Fixture(json, genesis, List.copyOf(blocks));
  }

  static void save(Fixture f, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      out.writeInt(CACHE_MAGIC);
      byte[] json = f.genesisJson().getBytes(StandardCharsets.UTF_8);
      out.writeInt(json.length);
      out.write(json);
      out.writeInt(f.blocks().size());
      for (Block b : f.blocks()) {
        byte[] bytes = Codec.encode(b);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** The cached chain, or null when the file holds another shape of chain. */
  static Fixture load(Path file, int blockCount, int txsPerBlock) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (in.readInt() != CACHE_MAGIC) {
        return null;
      }
      byte[] json = new byte[in.readInt()];
      in.readFully(json);
      int n = in.readInt();
      List<Block> blocks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        blocks.add(Codec.decodeBlock(bytes));
      }
      if (n != blockCount || blocks.stream().anyMatch(b -> b.transactions().size() != txsPerBlock)) {
        return null;
      }
      String text = new String(json, StandardCharsets.UTF_8);
      return new Fixture(text, GenesisParser.parse(text), List.copyOf(blocks));
    }
  }
}
