package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Signatures;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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

/**
 * Importing blocks of 1,000 transfers into a node on an in-memory state of {@code accounts}
 * accounts, through the public API: {@link CcoinNode#importBlock} on a {@code MemoryChainStore}
 * (consensus rules, the block's seal, SPEC 7 item 7: tx root, transactions in order, reward, state
 * root; the store's commit; the pool's update to the new head). Transactions per second. The
 * transfers go from {@value #SENDERS} senders to random existing accounts; the {@value #BLOCKS}
 * blocks were made by the network's validators in setup, and each measured iteration imports them
 * in order into a new node at genesis (made outside the timing), one timed call per block
 * ({@link Mode#SingleShotTime}, a batch of {@value #BLOCKS}; {@link Ratios} turns the time per
 * transaction into transactions per second).
 *
 * <ul>
 *   <li>{@code applyPreVerified}: before each block (outside the timing) its transactions were
 *       submitted to the node's pool, which checked their signatures and remembered them, as on a
 *       node that saw them first;</li>
 *   <li>{@code applyWithVerification}: nothing submitted before, so every signature is checked, on
 *       all cores.</li>
 * </ul>
 *
 * Baselines in the same run (throughput): {@code rawHashFloor}, the SHA-256 work the first block
 * needs whatever the implementation (the transaction root's 1,999 hashes, and one leaf per changed
 * account plus every distinct interior node on their paths, counted from the tree's shape), with a
 * raw digest; and {@code rawVerifyAllCores}, the JDK's raw {@link Signature#verify} of the first
 * block's 1,000 signatures on all cores. Do not change the batch size ({@code -bs}): the score
 * divides each batch's time by {@value #BLOCKS} blocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class BlockApplyBenchmark {
  static final int TXS = 1000;
  static final int SENDERS = 16;
  static final int BLOCKS = 8;

  @Param({"10000", "100000", "1000000"})
  public int accounts;

  private ImportSeries series;
  private boolean preVerify;
  private byte[][] messages;
  private byte[][] signatures;
  private RSAPublicKey[] keys;
  private int interiorHashes;
  private int leafHashes;
  private MessageDigest digest;
  private final byte[] scratch = new byte[65];
  private final byte[] out = new byte[32];
  private static final ThreadLocal<Signature> RAW = ThreadLocal.withInitial(() -> {
    try {
      return Signature.getInstance(Signatures.ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  @Setup(Level.Trial)
  public void buildBlocks(BenchmarkParams params) throws Exception {
    preVerify = params.getBenchmark().endsWith("applyPreVerified");
    BenchNetwork network = BenchNetwork.create(SENDERS, accounts - SENDERS, TXS, 20261124L);
    long[] nonces = new long[SENDERS];
    series = ImportSeries.build(network, BLOCKS, b -> {
      long[] first = nonces.clone();
      for (int i = 0; i < TXS; i++) {
        nonces[i % SENDERS]++;
      }
      return ImportSeries.signed(TXS, i -> network.transfer(i % SENDERS, first[i % SENDERS] + i / SENDERS,
          network.extra.get(new Random(b * (long) TXS + i).nextInt(network.extra.size())), 1 + i));
    });

    Block first = series.blocks.get(0);
    List<Transaction> txs = first.transactions();
    messages = new byte[TXS][];
    signatures = new byte[TXS][];
    keys = new RSAPublicKey[TXS];
    for (int i = 0; i < TXS; i++) {
      Transaction tx = txs.get(i);
      messages[i] = Hashes.txSigningMessage(network.genesisHash(), tx);
      signatures[i] = tx.signature().toArray();
      keys[i] = PublicKeys.validate(tx.publicKey());
    }
    Set<Address> after = new TreeSet<>(network.genesis.state().keySet());
    after.add(first.header().miner());
    List<Address> sorted = new ArrayList<>(after);
    Set<Address> changed = ImportSeries.changedBy(first);
    List<Integer> changedIndexes = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (changed.contains(sorted.get(i))) {
        changedIndexes.add(i);
      }
    }
    leafHashes = changedIndexes.size();
    interiorHashes = StateRootBenchmark.interiorNodes(sorted, changedIndexes);
    digest = Sha256.newDigest();
  }

  @TearDown(Level.Trial)
  public void closeNode() {
    series.close();
  }

  /** Gets the node ready for the next import, outside the timing (only the import benchmarks use it). */
  @State(Scope.Thread)
  public static class NextImport {
    @Setup(Level.Invocation)
    public void prepare(BlockApplyBenchmark bench) {
      bench.series.prepare(bench.preVerify);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 5, batchSize = BLOCKS)
  @Measurement(iterations = 10, batchSize = BLOCKS)
  @OperationsPerInvocation(BLOCKS * TXS)
  public ImportResult applyPreVerified(NextImport prepared) {
    return series.importNext();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 5, batchSize = BLOCKS)
  @Measurement(iterations = 10, batchSize = BLOCKS)
  @OperationsPerInvocation(BLOCKS * TXS)
  public ImportResult applyWithVerification(NextImport prepared) {
    return series.importNext();
  }

  /** Baseline of {@link #applyPreVerified}: the block's unavoidable SHA-256 work with a raw digest. */
  @Benchmark
  @OperationsPerInvocation(TXS)
  public byte[] rawHashFloor() throws DigestException {
    // tx root: a leaf hash of 33 bytes per transaction, an interior hash of 65 bytes per pair
    for (int i = 0; i < TXS; i++) {
      digest.update(scratch, 0, 33);
      digest.digest(out, 0, 32);
    }
    for (int i = 0; i < TXS - 1 + interiorHashes; i++) {
      digest.update(scratch, 0, 65);
      digest.digest(out, 0, 32);
    }
    for (int i = 0; i < leafHashes; i++) {
      digest.update(scratch, 0, 37);
      digest.digest(out, 0, 32);
    }
    return out.clone();
  }

  /** Baseline of {@link #applyWithVerification}: the JDK's raw signature checks on all cores. */
  @Benchmark
  @OperationsPerInvocation(TXS)
  public long rawVerifyAllCores() {
    return IntStream.range(0, TXS).parallel().filter(i -> {
      Signature v = RAW.get();
      try {
        v.initVerify(keys[i]);
        v.update(messages[i]);
        return v.verify(signatures[i]);
      } catch (GeneralSecurityException ex) {
        throw new IllegalStateException(ex);
      }
    }).count();
  }
}
