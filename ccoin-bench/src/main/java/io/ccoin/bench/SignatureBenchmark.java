package io.ccoin.bench;

import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.state.TxVerifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The part of an import no store can speed up: checking the signatures (RSA-2048) of a block of
 * 1,000 transactions with a new verifier (so no cached result), on one thread and the way a chain
 * does it ({@link TxVerifier#verifyAll}, in parallel on all cores). Transactions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SignatureBenchmark {
  private ImportFixture fixture;
  private Block block;

  @Setup(Level.Trial)
  public void buildBlock() throws Exception {
    fixture = ImportFixture.build(1, DurableImportBenchmark.TXS_PER_BLOCK, 16, 20261124L);
    block = fixture.blocks.get(0);
  }

  private java.util.List<Hash> hashes;

  @Setup(Level.Trial)
  public void hashTransactions() {
    hashes = block.transactions().stream().map(Hashes::txHash).toList();
  }

  private TxVerifier newVerifier() {
    return new TxVerifier(fixture.genesis.genesis().params(), fixture.genesis.hash(), 1 << 16);
  }

  @Benchmark
  @OperationsPerInvocation(DurableImportBenchmark.TXS_PER_BLOCK)
  public void oneThread(Blackhole bh) {
    TxVerifier verifier = newVerifier();
    java.util.List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      bh.consume(verifier.verify(txs.get(i), hashes.get(i)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(DurableImportBenchmark.TXS_PER_BLOCK)
  public TxVerifier.IndexedResult allCores() {
    return newVerifier().verifyAll(block.transactions(), hashes);
  }
}
