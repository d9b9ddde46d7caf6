package io.ccoin.bench;

import io.ccoin.api.Block;
import io.ccoin.bench.ImportFixture.SignedChain;
import io.ccoin.api.ImportResult;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.net.NetworkService;
import io.ccoin.net.tcp.TcpTransport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
  private static final int CACHE_MAGIC = 0x63535944; // "cSYD": senders, seed, then the blocks

  private TcpSyncBenchmark() {}

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
    SignedChain f = cache != null && Files.exists(cache) ? load(cache, blocks, txs) : null;
    if (f == null) {
      long started = t;
      f = ImportFixture.signedChain(blocks, txs, 20, 20261124L, built -> {
        if (built % 100 == 0) {
          System.out.printf("  built %d blocks in %.0f s%n", built, seconds(started));
        }
      });
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
  static double direct(SignedChain f) {
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
  static double[] overTcp(SignedChain f, NetworkService sourceNet) throws Exception {
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

  static CcoinNode node(SignedChain f) {
    return Ccoin.builder().genesis(f.genesis().genesis()).build().start();
  }

  static void importAll(CcoinNode n, SignedChain f) {
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

  static void save(SignedChain f, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      out.writeInt(CACHE_MAGIC);
      out.writeInt(f.senders());
      out.writeLong(f.seed());
      out.writeInt(f.blocks().size());
      for (Block b : f.blocks()) {
        byte[] bytes = Codec.encode(b);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** The cached chain, or null when the file holds another shape of chain. */
  static SignedChain load(Path file, int blockCount, int txsPerBlock) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (in.readInt() != CACHE_MAGIC) {
        return null;
      }
      int senders = in.readInt();
      long seed = in.readLong();
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
      // The network is rebuilt from its seed (a few keys); the blocks must be on its genesis.
      GenesisBlock genesis = BenchNetwork.create(senders, 0, txsPerBlock, seed).genesis;
      if (n > 0 && !blocks.get(0).header().parentHash().equals(genesis.hash())) {
        return null;
      }
      return new SignedChain(genesis, List.copyOf(blocks), senders, seed);
    }
  }
}
