package io.ccoin.bench;

import io.ccoin.api.Block;
import io.ccoin.api.ChainStore;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.core.store.WriteBehindChainStore;
import io.ccoin.store.mapdb.MapDbChainStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Importing blocks of 1,000 transactions into a chain with a durable commit per block: the score is
 * transactions per second (each operation is one transaction).
 *
 * <ul>
 *   <li>{@code importBlocks}: {@link CcoinNode#importBlock} for {@value #BLOCKS} full blocks into a
 *       new node on the store, everything included: rules, signature checks (a new chain has an empty signature
 *       cache), execution, state tree, and the store's commit. {@code store=memory} is the baseline:
 *       the same work with an in-memory store; {@code store=mapdb-behind} is the MapDB store as the
 *       node runs it, wrapped in a {@link WriteBehindChainStore} of 4 batches (the chain executes a
 *       block while the one before is written), flushed before the invocation ends.
 *   <li>{@code importPreverified}: the same with the blocks' transactions submitted to the node
 *       first (outside the timing), as a validator has most of a block's transactions in its pool
 *       before the block comes: the signatures are checked already, so the import is the rules, the
 *       execution, the pool's update and the store's commit.
 *   <li>{@code commitOnly}: the store alone, committing the write batches the chain made for the
 *       same blocks.
 * </ul>
 *
 * {@link SignatureBenchmark} measures the transactions' signature checks alone.
 *
 * Each invocation starts from a new store in a new directory (made and deleted outside the timing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DurableImportBenchmark {
  static final int BLOCKS = 8;
  static final int TXS_PER_BLOCK = 1000;

  @Param({"mapdb", "mapdb-behind", "memory"})
  public String store;

  private ImportFixture fixture;
  private Path dir;
  private ChainStore chainStore;
  private CcoinNode node;

  @Setup(Level.Trial)
  public void buildBlocks() throws Exception {
    fixture = ImportFixture.build(BLOCKS, TXS_PER_BLOCK, 16, 20261124L);
  }

  @Setup(Level.Invocation)
  public void openStore(BenchmarkParams params) throws IOException {
    if (store.startsWith("mapdb")) {
      dir = Files.createTempDirectory("ccoin-bench");
      chainStore = MapDbChainStore.open(dir);
      if (store.equals("mapdb-behind")) {
        chainStore = new WriteBehindChainStore(chainStore, 4);
      }
    } else {
      chainStore = new MemoryChainStore();
    }
    // commitOnly commits the genesis batch itself; importBlocks needs a node, whose chain commits it here.
    String benchmark = params.getBenchmark();
    node = benchmark.endsWith("importBlocks") || benchmark.endsWith("importPreverified") ? fixture.node(chainStore) : null;
    if (benchmark.endsWith("importPreverified")) {
      for (Block b : fixture.blocks) {
        node.submitAll(b.transactions());
      }
    }
  }

  @TearDown(Level.Invocation)
  public void closeStore() throws IOException {
    if (node != null) {
      node.close(); // closes the store too
      node = null;
    } else {
      chainStore.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      dir = null;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BLOCKS * TXS_PER_BLOCK)
  public long importBlocks() {
    long imported = fixture.importAll(node);
    chainStore.flush(); // every block written, for the stores that write behind
    return imported;
  }

  @Benchmark
  @OperationsPerInvocation(BLOCKS * TXS_PER_BLOCK)
  public long importPreverified() {
    return importBlocks();
  }

  @Benchmark
  @OperationsPerInvocation(BLOCKS * TXS_PER_BLOCK)
  public void commitOnly(Blackhole bh) {
    for (WriteBatch b : fixture.batches) {
      chainStore.commit(b);
    }
    chainStore.flush();
    bh.consume(chainStore.head());
  }
}
