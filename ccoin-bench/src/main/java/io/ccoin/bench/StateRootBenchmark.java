package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.Sha256;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state root (SPEC 4) as a node computes it, through the public API: importing a block that
 * changes exactly {@code changed} existing accounts among {@code accounts}
 * ({@link CcoinNode#importBlock} on a {@code MemoryChainStore}), blocks per second on one thread.
 * The state tree is internal, so the root is no longer measured alone: the figure includes
 * everything else a block import does (consensus rules, the block's seal: one RSA signature check
 * and the proof of work; the transaction root; the transfers; the store's commit; the pool's
 * update). The transactions' signatures are pre-verified (submitted to the node's pool before each
 * block, outside the timing), so the per-transaction cost left is the transfer and the state.
 *
 * <p>Each block is made by the network's validators in setup: {@code changed = 1} is an empty block
 * (the miner's reward); otherwise {@code s = min(64, (changed - 1) / 2)} senders send
 * {@code changed - 1 - s} transfers to as many distinct existing accounts, and the miner is paid:
 * {@code changed} accounts in all. Each measured iteration imports the {@value #BLOCKS} blocks in
 * order into a new node at genesis (made outside the timing), one timed call per block
 * ({@link Mode#SingleShotTime}, a batch of {@value #BLOCKS}; {@link Ratios} turns the time per
 * block into blocks per second; do not change the batch size with {@code -bs}).
 *
 * <p>The baseline is the hashing no implementation of this tree can avoid, done with a raw
 * {@link MessageDigest}: one leaf hash (37 bytes) per changed account and one interior hash (65
 * bytes) per distinct node on their paths to the root, counted exactly from the tree's shape after
 * the first block. The ratio is what the rest of an import costs on top of that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class StateRootBenchmark {
  static final int SENDERS = 64;
  static final int BLOCKS = 16;

  @Param({"10000", "100000", "1000000"})
  public int accounts;

  @Param({"1", "100", "2000"})
  public int changed;

  private ImportSeries series;
  private int interiorHashes;
  private MessageDigest digest;
  private final byte[] node = new byte[65];
  private final byte[] leaf = new byte[37];
  private final byte[] out = new byte[32];

  @Setup(Level.Trial)
  public void buildBlocks() throws Exception {
    if (changed < 1 || changed == 2) {
      throw new IllegalArgumentException("changed must be 1 (an empty block) or at least 3, got " + changed);
    }
    BenchNetwork network = BenchNetwork.create(SENDERS, accounts - SENDERS, Math.max(2, changed), 20261124L);
    int senders = Math.min(SENDERS, (changed - 1) / 2);
    int transfers = changed - 1 - senders;
    long[] nonces = new long[SENDERS];
    series = ImportSeries.build(network, BLOCKS, b -> {
      Random random = new Random(20261124L + b);
      Set<Address> recipients = new LinkedHashSet<>();
      while (recipients.size() < transfers) {
        recipients.add(network.extra.get(random.nextInt(network.extra.size())));
      }
      List<Address> to = List.copyOf(recipients);
      long[] first = nonces.clone();
      for (int i = 0; i < transfers; i++) {
        nonces[i % senders]++;
      }
      return ImportSeries.signed(transfers, i -> network.transfer(i % senders, first[i % senders] + i / senders, to.get(i), 1));
    });
    Block first = series.blocks.get(0);
    Set<Address> touched = ImportSeries.changedBy(first);
    if (touched.size() != changed) {
      throw new IllegalStateException("the first block changes " + touched.size() + " accounts, not " + changed);
    }
    Set<Address> after = new TreeSet<>(network.genesis.state().keySet());
    after.add(first.header().miner());
    List<Address> keys = new ArrayList<>(after);
    List<Integer> picks = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (touched.contains(keys.get(i))) {
        picks.add(i);
      }
    }
    interiorHashes = interiorNodes(keys, picks);
    digest = Sha256.newDigest();
  }

  @TearDown(Level.Trial)
  public void closeNode() {
    series.close();
  }

  /** Gets the node ready for the next import, outside the timing (only the import benchmark uses it). */
  @State(Scope.Thread)
  public static class NextImport {
    @Setup(Level.Invocation)
    public void prepare(StateRootBenchmark bench) {
      bench.series.prepare(true);
    }
  }

  /**
   * The number of distinct interior nodes on the paths from the root to the accounts at
   * {@code changed} (indexes into {@code sorted}, every existing address in ascending order): the
   * interior hashes any implementation must compute after changing those accounts.
   */
  static int interiorNodes(List<Address> sorted, List<Integer> changed) {
    Set<String> interior = new HashSet<>();
    for (int i : changed) {
      Address a = sorted.get(i);
      // A lone account stops the descent one bit below where it parts from its nearest neighbours.
      int depth = 1 + Math.max(i > 0 ? commonPrefix(a, sorted.get(i - 1)) : 0,
          i + 1 < sorted.size() ? commonPrefix(a, sorted.get(i + 1)) : 0);
      for (int d = 0; d < depth; d++) {
        interior.add(prefix(a, d));
      }
    }
    return interior.size();
  }

  private static int commonPrefix(Address a, Address b) {
    int bits = 0;
    while (bits < Address.SIZE * 8 && a.bit(bits) == b.bit(bits)) {
      bits++;
    }
    return bits;
  }

  private static String prefix(Address a, int bits) {
    StringBuilder s = new StringBuilder(bits);
    for (int i = 0; i < bits; i++) {
      s.append(a.bit(i) ? '1' : '0');
    }
    return s.toString();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 5, batchSize = BLOCKS)
  @Measurement(iterations = 10, batchSize = BLOCKS)
  @OperationsPerInvocation(BLOCKS)
  public ImportResult importBlock(NextImport prepared) {
    return series.importNext();
  }

  /** Baseline: the same number of leaf and interior hashes with a raw digest. */
  @Benchmark
  public byte[] rawHashes() throws DigestException {
    for (int i = 0; i < changed; i++) {
      leaf[1] = (byte) i;
      digest.update(leaf);
      digest.digest(out, 0, 32);
    }
    for (int i = 0; i < interiorHashes; i++) {
      node[1] = (byte) i;
      digest.update(node);
      digest.digest(out, 0, 32);
    }
    return Arrays.copyOf(out, 32);
  }
}
