package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.ImportResult;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.pow.ProofOfWork;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A network and a chain of full blocks to import: three miners, {@code senders} rich accounts, and
 * blocks of {@code txsPerBlock} signed transfers (round-robin over the senders, to a pool of
 * recipients, so that the account set grows and is updated). Also the write batches a chain commits
 * when it imports them, for benchmarks of the store alone.
 */
public final class ImportFixture {
  static final long T0 = 1_764_000_000_000L;

  public final GenesisBlock genesis;
  public final List<Block> blocks;
  /** Every batch a chain commits importing {@link #blocks}, the genesis batch first. */
  public final List<WriteBatch> batches;

  private ImportFixture(GenesisBlock genesis, List<Block> blocks, List<WriteBatch> batches) {
    this.genesis = genesis;
    this.blocks = blocks;
    this.batches = batches;
  }

  /** A clock past every block, so that none waits in the future pool. */
  public static Clock clock() {
    return Clock.fixed(Instant.ofEpochMilli(T0 + 10L * 365 * 24 * 3600 * 1000), ZoneOffset.UTC);
  }

  /** A chain of this network on {@code store}. */
  public Chain chain(ChainStore store) {
    return new Chain(store, genesis, RuleSet.standard(), ChainConfig.DEFAULT, clock());
  }

  /** A chain of signed blocks on a {@link BenchNetwork} of {@code senders} senders made from {@code seed}. */
  record SignedChain(GenesisBlock genesis, List<Block> blocks, int senders, long seed) {
    long txCount() {
      return blocks.stream().mapToLong(b -> b.transactions().size()).sum();
    }
  }

  /** {@link #signedChain} with the write batches a chain commits importing it. */
  public static ImportFixture build(int blockCount, int txsPerBlock, int senderCount, long seed) throws Exception {
    SignedChain signed = signedChain(blockCount, txsPerBlock, senderCount, seed, built -> { });
    Recorder recorder = new Recorder();
    ImportFixture fixture = new ImportFixture(signed.genesis(), signed.blocks(), recorder.batches);
    fixture.importAll(fixture.chain(recorder));
    return fixture;
  }

  /**
   * The {@link BenchNetwork} of {@code senderCount} senders and blocks of at most
   * {@code txsPerBlock} transactions, and {@code blockCount} full blocks on it, the miners taking
   * turns in order: transfers round-robin over the senders to 5,000 random recipients, signed in
   * parallel on all cores. Deterministic for a seed. {@code progress} hears the number of blocks
   * built after each one.
   */
  static SignedChain signedChain(int blockCount, int txsPerBlock, int senderCount, long seed, IntConsumer progress)
      throws Exception {
    BenchNetwork network = BenchNetwork.create(senderCount, 0, txsPerBlock, seed);
    GenesisBlock g = network.genesis;
    ConsensusParams params = network.params;
    TxVerifier verifier = new TxVerifier(params, g.hash(), 1 << 20);
    BlockAssembler assembler = new BlockAssembler(verifier);
    BlockExecutor executor = new BlockExecutor(verifier);

    Random random = new Random(seed);
    List<Address> recipients = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      recipients.add(BenchNetwork.randomAddress(random));
    }
    long[] nonces = new long[senderCount];
    StoredBlock parent = new StoredBlock(g.block(), g.hash(), 0);
    StateTree state = StateTree.of(g.state());
    List<Block> blocks = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      for (int b = 0; b < blockCount; b++) {
        List<Future<Transaction>> signing = new ArrayList<>();
        for (int i = 0; i < txsPerBlock; i++) {
          int s = i % senderCount;
          long nonce = nonces[s]++;
          Address to = recipients.get(random.nextInt(recipients.size()));
          long value = 1 + random.nextInt(1000);
          signing.add(pool.submit(() -> network.transfer(s, nonce, to, value)));
        }
        List<Transaction> txs = new ArrayList<>();
        for (Future<Transaction> f : signing) {
          txs.add(f.get());
        }
        BlockHeader ph = parent.block().header();
        Address leader = Ranks.leader(params, ph);
        AccountKey miner = network.miners.stream().filter(k -> k.address().equals(leader)).findFirst().orElseThrow();
        long ts = Ranks.earliestTimestamp(params, ph, 0, txs.size());
        BlockAssembler.Assembled a = assembler.assemble(parent, state, miner.address(), ts, txs, Bytes.of((byte) 1));
        if (a.transactions().size() != txs.size()) {
          throw new IllegalStateException("only " + a.transactions().size() + " of " + txs.size() + " transactions fit a block");
        }
        Block block = seal(a.header(), a.transactions(), miner);
        BlockExecutor.Execution e = executor.execute(state, Hashes.candidate(block));
        if (!e.isValid()) {
          throw new IllegalStateException("built an invalid block: " + e.result());
        }
        state = e.state().tree();
        parent = new StoredBlock(block, Hashes.blockHash(block.sealedHeader()), parent.totalWeight() + 2);
        blocks.add(block);
        progress.accept(b + 1);
      }
    } finally {
      pool.shutdown();
    }
    return new SignedChain(g, List.copyOf(blocks), senderCount, seed);
  }

  /** Grinds the nonce of {@code header} and signs it. */
  static Block seal(BlockHeader header, List<Transaction> txs, AccountKey miner) {
    BlockHeader h = header.withPowNonce(new ProofOfWork(header).smallestNonce());
    Bytes sig = miner.sign(Hashes.blockSigningMessage(Hashes.powHash(h)));
    return new Block(new SealedHeader(h, miner.publicKey(), sig), txs);
  }

  /** Imports every block; fails unless each is imported. Returns the new head's number. */
  public long importAll(Chain chain) {
    for (Block block : blocks) {
      ImportResult r = chain.importBlock(block);
      if (r.status() != ImportResult.Status.IMPORTED) {
        throw new IllegalStateException("a benchmark block did not import: " + r);
      }
    }
    return chain.head().number();
  }

  /** A memory store that keeps every batch committed to it. */
  private static final class Recorder extends ForwardingChainStore {
    final List<WriteBatch> batches = new ArrayList<>();

    Recorder() {
      super(new MemoryChainStore());
    }

    @Override
    public void commit(WriteBatch batch) {
      super.commit(batch);
      batches.add(batch);
    }
  }
}
