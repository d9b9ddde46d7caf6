package io.ccoin.bench;

import io.ccoin.api.AccountTx;
import io.ccoin.api.WriteBatch;
import io.ccoin.store.mapdb.MapDbChainStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * Where a durable commit's time goes, by part of the batch: {@code commit} writes the batches
 * {@link DurableImportBenchmark}'s chain made for its 8 blocks of 1,000 transfers into a new
 * {@link MapDbChainStore}, each batch {@code without} one of its parts ({@code none}: the whole
 * batch, the same work as {@code DurableImportBenchmark.commitOnly}). The difference between
 * {@code none} and a part is what that part costs; the score is microseconds per transaction.
 * Not a store anyone should run: a batch without its indexes leaves a store the chain would
 * refuse to trust.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class StoreSplitBenchmark {
  @Param({"none", "transactions", "accounts", "addressIndex", "undo"})
  public String without;

  private List<WriteBatch> batches;
  private Path dir;
  private MapDbChainStore store;

  @Setup(Level.Trial)
  public void buildBatches() throws Exception {
    ImportFixture fixture = ImportFixture.build(DurableImportBenchmark.BLOCKS, DurableImportBenchmark.TXS_PER_BLOCK, 16, 20261124L);
    batches = new ArrayList<>();
    for (WriteBatch b : fixture.batches) {
      batches.add(without(b, without));
    }
  }

  /** {@code batch} without one part ({@code none}: all of it). */
  static WriteBatch without(WriteBatch batch, String part) {
    WriteBatch.Builder b = WriteBatch.builder();
    batch.blocks().forEach(b::putBlock);
    batch.canonical().forEach((n, h) -> {
      if (h.isPresent()) {
        b.setCanonical(n, h.get());
      } else {
        b.removeCanonical(n);
      }
    });
    if (!part.equals("transactions")) {
      batch.transactions().forEach((h, at) -> {
        if (at.isPresent()) {
          b.putTransaction(h, at.get());
        } else {
          b.removeTransaction(h);
        }
      });
    }
    if (!part.equals("accounts")) {
      batch.accounts().forEach(b::putAccount);
    }
    if (!part.equals("addressIndex")) {
      batch.accountTxs().forEach((k, h) -> {
        if (h.isPresent()) {
          b.putAccountTx(new AccountTx(k.address(), k.blockNumber(), k.index(), h.get()));
        } else {
          b.removeAccountTx(k);
        }
      });
    }
    if (!part.equals("undo")) {
      batch.undoPuts().forEach(b::putUndo);
    }
    batch.undoRemovals().forEach(b::removeUndo);
    batch.head().ifPresent(b::setHead);
    batch.metadata().forEach(b::putMetadata);
    return b.build();
  }

  @Setup(Level.Invocation)
  public void openStore() throws IOException {
    dir = Files.createTempDirectory("ccoin-bench-split");
    // the fixture's blocks carry real state roots, but a batch without its accounts does not match them
    store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withoutStateRootCheck());
  }

  @TearDown(Level.Invocation)
  public void closeStore() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(DurableImportBenchmark.BLOCKS * DurableImportBenchmark.TXS_PER_BLOCK)
  public void commit() {
    for (WriteBatch b : batches) {
      store.commit(b);
    }
  }
}
