package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.Vote;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of authority voting on import (issue 12): {@link Chain#importBlock} of {@value #BLOCKS}
 * blocks of {@value #TXS_PER_BLOCK} transfers into a new in-memory chain, blocks per second, on a
 * version 1 network ({@code version=1}) and on a version 2 network ({@code version=2}, epoch
 * {@value #EPOCH}) in the same run. The two chains hold the same blocks but for the header version
 * and the votes: on version 2 every block but the checkpoints carries a vote (each miner votes for
 * an outsider of its own, so no vote passes and the tally stays full), so the difference is the
 * voting work: the per-block set and tally, the vote and membership rules, the checkpoint record.
 * The same senders, nonces, recipients, values and miners in both; signatures differ only because
 * they cover each network's genesis hash.
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

  @Param({"1", "2"})
  public int version;

  private BenchNetwork network;
  private List<Block> blocks;
  private Chain chain;

  @Setup(Level.Trial)
  public void buildBlocks() {
    network = BenchNetwork.create(SENDERS, 0, TXS_PER_BLOCK, 20261207L, version == 2 ? EPOCH : 0);
    blocks = build(network);
  }

  @Setup(Level.Invocation)
  public void newChain() {
    chain = new Chain(new MemoryChainStore(), network.genesis, RuleSet.standard(), ChainConfig.DEFAULT, ImportFixture.clock());
  }

  /** Imports every block into a new chain; returns the head's number. */
  @Benchmark
  @OperationsPerInvocation(BLOCKS)
  public long importBlocks() {
    for (Block b : blocks) {
      ImportResult r = chain.importBlock(b);
      if (r.status() != ImportResult.Status.IMPORTED) {
        throw new IllegalStateException("a benchmark block did not import: " + r);
      }
    }
    return chain.head().number();
  }

  /**
   * {@value #BLOCKS} blocks in turn on {@code network}; on a version 2 network each carries its
   * miner's vote for the miner's own outsider, except at checkpoints. Deterministic.
   */
  static List<Block> build(BenchNetwork network) {
    ConsensusParams params = network.params;
    TxVerifier verifier = new TxVerifier(params, network.genesisHash(), 1 << 16);
    BlockAssembler assembler = new BlockAssembler(verifier);
    BlockExecutor executor = new BlockExecutor(verifier);
    Random random = new Random(5);
    List<Address> recipients = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      recipients.add(BenchNetwork.randomAddress(random));
    }
    long[] nonces = new long[SENDERS];
    StoredBlock parent = new StoredBlock(network.genesis.block(), network.genesisHash(), 0);
    StateTree state = StateTree.of(network.genesis.state());
    List<Block> out = new ArrayList<>();
    for (int n = 1; n <= BLOCKS; n++) {
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < TXS_PER_BLOCK; i++) {
        int s = i % SENDERS;
        txs.add(network.transfer(s, nonces[s]++, recipients.get(random.nextInt(recipients.size())), 1 + random.nextInt(1000)));
      }
      BlockHeader ph = parent.block().header();
      Address leader = Ranks.leader(params.miners(), ph);
      int minerIndex = params.miners().indexOf(leader);
      AccountKey miner = network.miners.stream().filter(k -> k.address().equals(leader)).findFirst().orElseThrow();
      Optional<Vote> vote = params.votingEnabled() && !params.isCheckpoint(n)
          ? Optional.of(new Vote(outsider(minerIndex), true)) : Optional.empty();
      BlockAssembler.Assembled a = assembler.assemble(parent, state, miner.address(), Ranks.earliestTimestamp(params, ph, 0, txs.size()),
          txs, Bytes.of((byte) 1), vote);
      Block block = ImportFixture.seal(a.header(), a.transactions(), miner);
      BlockExecutor.Execution e = executor.execute(state, Hashes.candidate(block));
      if (!e.isValid() || a.transactions().size() != TXS_PER_BLOCK) {
        throw new IllegalStateException("built an invalid block: " + e.result());
      }
      state = e.state().tree();
      parent = new StoredBlock(block, Hashes.blockHash(block.sealedHeader()), parent.totalWeight() + 2);
      out.add(block);
    }
    return List.copyOf(out);
  }

  private static Address outsider(int minerIndex) {
    byte[] a = new byte[Address.SIZE];
    a[0] = (byte) 0xee;
    a[19] = (byte) (minerIndex + 1);
    return Address.of(a);
  }
}
