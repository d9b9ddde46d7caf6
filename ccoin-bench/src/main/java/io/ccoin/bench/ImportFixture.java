package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ChainStore;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.genesis.GenesisBlock;
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

  /** A node of this network on {@code store} (not started: it only imports), with {@link #clock()}. */
  public CcoinNode node(ChainStore store) {
    return Ccoin.builder().genesis(genesis).store(store).clock(clock()).build();
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
    try (CcoinNode node = fixture.node(recorder)) {
      fixture.importAll(node);
    }
    return fixture;
  }

  /**
   * The {@link BenchNetwork} of {@code senderCount} senders and blocks of at most
   * {@code txsPerBlock} transactions, and {@code blockCount} full blocks on it, made by the network's
   * validators in turn ({@link ValidatorBlockBuilder}, public API only): transfers round-robin over
   * the senders to 5,000 random recipients, signed in parallel on all cores. The transactions are
   * deterministic for a seed; the blocks' proof-of-work nonces and the order of transactions within
   * a block are the validators'. {@code progress} hears the number of blocks built after each one.
   */
  static SignedChain signedChain(int blockCount, int txsPerBlock, int senderCount, long seed, IntConsumer progress)
      throws Exception {
    BenchNetwork network = BenchNetwork.create(senderCount, 0, txsPerBlock, seed);
    Random random = new Random(seed);
    List<Address> recipients = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      recipients.add(BenchNetwork.randomAddress(random));
    }
    long[] nonces = new long[senderCount];
    List<Block> blocks = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try (ValidatorBlockBuilder builder = new ValidatorBlockBuilder(network.genesis, network.miners)) {
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
        blocks.add(builder.next(txs));
        progress.accept(b + 1);
      }
    } finally {
      pool.shutdown();
    }
    return new SignedChain(network.genesis, List.copyOf(blocks), senderCount, seed);
  }

  /** Imports every block; fails unless each is imported. Returns the new head's number. */
  public long importAll(CcoinNode node) {
    for (Block block : blocks) {
      ImportResult r = node.importBlock(block);
      if (r.status() != ImportResult.Status.IMPORTED) {
        throw new IllegalStateException("a benchmark block did not import: " + r);
      }
    }
    return node.head().number();
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
