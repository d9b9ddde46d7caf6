package io.ccoin.bench;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import io.ccoin.store.mapdb.MapDbChainStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What a block's commit costs a {@link MapDbChainStore} that already holds {@code prefill}
 * transactions, as a devnet's store does a minute into a load run: {@code commit} writes one batch
 * of a {@value #TXS}-transaction block (the block record, each transaction's place, its sender's and
 * recipient's address index entries and accounts), the score in microseconds per transaction. The
 * blocks are the fixture's signed transactions repeated under made-up headers and hashes, placed
 * at new numbers: the store checks a batch's references, not its blocks' validity, and this
 * measures the store alone. Senders come from a pool of 2,000 addresses, recipients from 50,000.
 * {@code reopen} closes and opens the store: what an open costs at that size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class IndexScaleBenchmark {
  static final int TXS = 4000;

  @Param({"0", "400000"})
  public int prefill;

  private Path dir;
  private MapDbChainStore store;
  private Block template;
  private final Random random = new Random(20261208L);
  private Address[] senders;
  private Address[] recipients;
  private long next;
  private WriteBatch batch;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    ImportFixture fixture = ImportFixture.build(1, 1000, 16, 20261124L);
    Block first = fixture.blocks.get(0);
    List<Transaction> txs = new ArrayList<>();
    while (txs.size() < TXS) {
      txs.addAll(first.transactions().subList(0, Math.min(first.transactions().size(), TXS - txs.size())));
    }
    template = new Block(first.sealedHeader(), txs);
    senders = addresses(2_000);
    recipients = addresses(50_000);
    dir = Files.createTempDirectory("ccoin-bench-index-scale");
    store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withoutStateRootCheck());
    fixture.batches.forEach(store::commit);
    next = first.number() + 1;
    for (int i = 0; i < prefill / TXS; i++) {
      store.commit(nextBatch());
    }
  }

  private Address[] addresses(int n) {
    Address[] out = new Address[n];
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[Address.SIZE];
      random.nextBytes(b);
      out[i] = Address.of(b);
    }
    return out;
  }

  private Hash randomHash() {
    byte[] b = new byte[Hash.SIZE];
    random.nextBytes(b);
    return Hash.of(b);
  }

  private WriteBatch nextBatch() {
    long number = next++;
    BlockHeader h = template.header();
    BlockHeader header = new BlockHeader(h.version(), h.chainId(), number, randomHash(), h.timestamp() + number, h.miner(), h.txRoot(),
        h.stateRoot(), h.difficulty(), h.data(), h.vote(), h.powNonce());
    SealedHeader sealed = new SealedHeader(header, template.sealedHeader().minerKey(), template.sealedHeader().signature());
    StoredBlock block = new StoredBlock(new Block(sealed, template.transactions()), randomHash(), number);
    WriteBatch.Builder b = WriteBatch.builder().putBlock(block);
    for (int i = 0; i < TXS; i++) {
      Hash tx = randomHash();
      Address from = senders[random.nextInt(senders.length)];
      Address to = recipients[random.nextInt(recipients.length)];
      b.putTransaction(tx, new TxLocation(block.hash(), number, i));
      b.putAccountTx(new AccountTx(from, number, i, tx));
      b.putAccountTx(new AccountTx(to, number, i, tx));
      b.putAccount(from, new Account(1_000_000_000L - number, number));
      b.putAccount(to, new Account(number, 0));
    }
    return b.build();
  }

  @Setup(Level.Invocation)
  public void prepare() {
    batch = nextBatch();
  }

  @TearDown(Level.Trial)
  public void closeStore() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(TXS)
  public void commit() {
    store.commit(batch);
  }

  /**
   * Closing and opening the store again: what an open costs with {@code prefill} transactions, the
   * indexes' table in memory rebuilt from their records. Each invocation adds nothing (the batch
   * prepared for it is not committed), so every open reads the same store.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public void reopen() {
    store.close();
    store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withoutStateRootCheck());
  }
}
