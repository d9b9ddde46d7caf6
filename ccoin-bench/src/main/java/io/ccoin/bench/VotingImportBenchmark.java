package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.api.Vote;
import io.ccoin.core.CcoinNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
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
 * The cost of authority voting on import (issue 12), through the public API:
 * {@link CcoinNode#importBlock} of {@value #BLOCKS} blocks of {@value #TXS_PER_BLOCK} transfers into
 * a new node on an in-memory store (made outside the timing), blocks per second, on a version 1
 * network ({@code version=1}) and on a version 2 network ({@code version=2}, epoch {@value #EPOCH})
 * in the same run.
 *
 * <p>The blocks are made in setup by the network's three validator nodes in turn
 * ({@link ValidatorBlockBuilder}, through {@link ImportSeries}), with the same transactions in both
 * series: the same senders, nonces, recipients and values (signatures differ only because they
 * cover each network's genesis hash). On version 2 each validator first proposes
 * {@value #PROPOSALS_PER_MINER} outsiders of its own ({@link CcoinNode#propose}), so it casts a new
 * vote in every block it produces but the checkpoints (more proposals than blocks it makes in an
 * epoch); no vote passes, since each candidate gets one vote of three, so the set stays the genesis
 * miners and the tally fills up until each checkpoint. Setup fails unless every block but the
 * checkpoints carries such a vote. The difference between the two scores is the voting work on
 * import: the per-block set and tally, the vote and membership rules, the checkpoint record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class VotingImportBenchmark {
  static final int BLOCKS = 48;
  static final int TXS_PER_BLOCK = 100;
  static final int SENDERS = 16;
  static final long EPOCH = 16;
  /** Above the blocks a validator of three makes between two checkpoints. */
  static final int PROPOSALS_PER_MINER = 8;

  @Param({"1", "2"})
  public int version;

  private ImportSeries series;

  @Setup(Level.Trial)
  public void buildBlocks() throws InterruptedException {
    BenchNetwork network = BenchNetwork.create(SENDERS, 0, TXS_PER_BLOCK, 20261207L, version == 2 ? EPOCH : 0);
    List<List<Transfer>> transfers = transfers();
    long[] nonces = new long[SENDERS];
    Map<Address, Set<Address>> outsiders = new HashMap<>();
    for (int m = 0; m < network.miners.size(); m++) {
      outsiders.put(network.miners.get(m).address(), outsiders(m));
    }
    series = ImportSeries.build(network, BLOCKS, b -> {
      long[] first = nonces.clone();
      for (int i = 0; i < TXS_PER_BLOCK; i++) {
        nonces[i % SENDERS]++;
      }
      List<Transfer> block = transfers.get(b);
      return ImportSeries.signed(TXS_PER_BLOCK, i -> network.transfer(i % SENDERS, first[i % SENDERS] + i / SENDERS,
          block.get(i).to(), block.get(i).value()));
    }, builder -> {
      if (version == 2) {
        outsiders.forEach((miner, candidates) -> candidates.forEach(c -> builder.propose(miner, c, true)));
      }
    });
    checkVotes(series.blocks, network.params, outsiders);
  }

  /** A new node at genesis before each import of the whole series, outside the timing. */
  @Setup(Level.Invocation)
  public void newNode() {
    series.prepare(false);
  }

  @TearDown(Level.Trial)
  public void closeNode() {
    series.close();
  }

  /** Imports every block into the new node; returns the last result. */
  @Benchmark
  @OperationsPerInvocation(BLOCKS)
  public ImportResult importBlocks() {
    ImportResult last = null;
    for (int b = 0; b < BLOCKS; b++) {
      last = series.importNext();
    }
    return last;
  }

  private record Transfer(Address to, long value) { }

  /** The recipients and values of every block's transfers, the same for both versions. */
  private static List<List<Transfer>> transfers() {
    Random random = new Random(5);
    List<Address> recipients = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      recipients.add(BenchNetwork.randomAddress(random));
    }
    List<List<Transfer>> out = new ArrayList<>();
    for (int b = 0; b < BLOCKS; b++) {
      List<Transfer> block = new ArrayList<>();
      for (int i = 0; i < TXS_PER_BLOCK; i++) {
        block.add(new Transfer(recipients.get(random.nextInt(recipients.size())), 1 + random.nextInt(1000)));
      }
      out.add(List.copyOf(block));
    }
    return List.copyOf(out);
  }

  /** The outsiders miner {@code minerIndex} proposes to add: distinct from every other miner's. */
  static Set<Address> outsiders(int minerIndex) {
    Set<Address> out = new LinkedHashSet<>();
    for (int k = 0; k < PROPOSALS_PER_MINER; k++) {
      byte[] a = new byte[Address.SIZE];
      a[0] = (byte) 0xee;
      a[18] = (byte) (k + 1);
      a[19] = (byte) (minerIndex + 1);
      out.add(Address.of(a));
    }
    return out;
  }

  /**
   * On a version 2 network, every block but the checkpoints must carry a vote to add one of its
   * miner's own outsiders (so that no vote can pass); on a version 1 network no block carries one.
   *
   * @throws IllegalStateException otherwise, naming the count, so that the run stops at setup
   */
  static void checkVotes(List<Block> blocks, ConsensusParams params, Map<Address, Set<Address>> outsiders) {
    int expected = 0;
    int voted = 0;
    for (Block b : blocks) {
      Optional<Vote> vote = b.header().vote();
      if (params.votingEnabled() && !params.isCheckpoint(b.number())) {
        expected++;
      }
      if (vote.isPresent()) {
        Vote v = vote.get();
        if (!v.authorize() || !outsiders.getOrDefault(b.header().miner(), Set.of()).contains(v.candidate())) {
          throw new IllegalStateException("block #" + b.number() + " carries an unexpected vote: " + v);
        }
        voted++;
      }
    }
    if (voted != expected) {
      throw new IllegalStateException("the version " + (params.votingEnabled() ? 2 : 1) + " series has " + voted
          + " blocks of " + blocks.size() + " with a vote, not the " + expected + " expected: the benchmark would not"
          + " measure the voting work");
    }
  }
}
