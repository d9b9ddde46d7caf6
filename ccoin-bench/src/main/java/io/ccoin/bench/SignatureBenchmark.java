package io.ccoin.bench;

import io.ccoin.api.Block;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.Signatures;
import java.util.stream.IntStream;
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
 * 1,000 transactions, nothing remembered from a previous check, on one thread and the way a chain
 * does it (in parallel on all cores). Transactions per second. Each check is what a chain's
 * verifier does for a transaction it has not seen, through the public API: the transaction's
 * signing message ({@link Hashes#txSigningMessage}), then {@link Signatures#verify(io.ccoin.api.Bytes,
 * byte[], io.ccoin.api.Bytes)}, which validates the key (from the key cache) and verifies.
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
    for (Transaction tx : block.transactions()) {
      if (!check(tx)) {
        throw new IllegalStateException("a benchmark signature did not verify");
      }
    }
  }

  private boolean check(Transaction tx) {
    return Signatures.verify(tx.publicKey(), Hashes.txSigningMessage(fixture.genesis.hash(), tx), tx.signature());
  }

  @Benchmark
  @OperationsPerInvocation(DurableImportBenchmark.TXS_PER_BLOCK)
  public void oneThread(Blackhole bh) {
    java.util.List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      bh.consume(check(txs.get(i)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(DurableImportBenchmark.TXS_PER_BLOCK)
  public long allCores() {
    java.util.List<Transaction> txs = block.transactions();
    return IntStream.range(0, txs.size()).parallel().filter(i -> check(txs.get(i))).count();
  }
}
