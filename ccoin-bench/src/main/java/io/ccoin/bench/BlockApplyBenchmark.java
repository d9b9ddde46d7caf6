package io.ccoin.bench;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Signatures;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.TxVerifier;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying a block of 1,000 transfers to an in-memory state of {@code accounts} accounts (SPEC 7
 * item 7: tx root, transactions in order, reward, state root), transactions per second. The
 * transfers go from {@value #SENDERS} senders to random existing accounts.
 *
 * <ul>
 *   <li>{@code applyPreVerified}: the signatures were verified when the transactions entered the
 *       pool (the signature cache answers), as on a node that saw them first;</li>
 *   <li>{@code applyWithVerification}: a new verifier, so every signature is checked, on all cores
 *       (the executor's parallel {@link TxVerifier#verifyAll}).</li>
 * </ul>
 *
 * Baselines in the same run: {@code rawHashFloor}, the SHA-256 work the block needs whatever the
 * implementation (the transaction root's 1,999 hashes, and one leaf per changed account plus every
 * distinct interior node on their paths, counted from the tree's shape), with a raw digest; and
 * {@code rawVerifyAllCores}, the JDK's raw {@link Signature#verify} of the 1,000 signatures on all
 * cores. Chain import (consensus rules, block signature, store) is measured by
 * {@link DurableImportBenchmark}.
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

  @Param({"10000", "100000", "1000000"})
  public int accounts;

  private BenchNetwork network;
  private StateTree base;
  private BlockCandidate candidate;
  private BlockExecutor preVerified;
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
  public void buildBlock() throws Exception {
    network = BenchNetwork.create(SENDERS, accounts - SENDERS, TXS, 20261124L);
    base = StateTree.of(network.genesis.state());
    Random random = new Random(11);
    List<Transaction> txs = new ArrayList<>();
    IntStream.range(0, TXS).parallel().mapToObj(i -> network.transfer(i % SENDERS, i / SENDERS,
        network.extra.get(new Random(i).nextInt(network.extra.size())), 1 + i)).forEachOrdered(txs::add);
    StoredBlock parent = new StoredBlock(network.genesis.block(), network.genesisHash(), 0);
    BlockHeader ph = parent.block().header();
    Address leader = Ranks.leader(network.params, ph);
    AccountKey miner = network.miners.stream().filter(k -> k.address().equals(leader)).findFirst().orElseThrow();
    TxVerifier verifier = new TxVerifier(network.params, network.genesisHash(), 1 << 16);
    BlockAssembler.Assembled a = new BlockAssembler(verifier).assemble(parent, base, miner.address(),
        Ranks.earliestTimestamp(network.params, ph, 0, TXS), txs, Bytes.of((byte) random.nextInt()));
    if (a.transactions().size() != TXS) {
      throw new IllegalStateException("only " + a.transactions().size() + " transactions fit the block");
    }
    Block block = ImportFixture.seal(a.header(), a.transactions(), miner);
    candidate = Hashes.candidate(block);
    // The assembler verified every signature with this verifier: its cache now answers for them.
    preVerified = new BlockExecutor(verifier);
    BlockExecutor.Execution e = preVerified.execute(base, candidate);
    if (!e.isValid()) {
      throw new IllegalStateException("built an invalid block: " + e.result());
    }

    messages = new byte[TXS][];
    signatures = new byte[TXS][];
    keys = new RSAPublicKey[TXS];
    for (int i = 0; i < TXS; i++) {
      Transaction tx = txs.get(i);
      messages[i] = Hashes.txSigningMessage(network.genesisHash(), tx);
      signatures[i] = tx.signature().toArray();
      keys[i] = PublicKeys.validate(tx.publicKey());
    }
    Map<Address, Account> after = new HashMap<>();
    e.state().tree().forEach(after::put);
    List<Address> sorted = new ArrayList<>(after.keySet());
    sorted.sort(null);
    Set<Address> changed = new HashSet<>(e.state().changed().keySet());
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

  @Benchmark
  @OperationsPerInvocation(TXS)
  public Hash applyPreVerified() {
    BlockExecutor.Execution e = preVerified.execute(base, candidate);
    if (!e.isValid()) {
      throw new IllegalStateException(e.result().toString());
    }
    return e.state().root();
  }

  @Benchmark
  @OperationsPerInvocation(TXS)
  public Hash applyWithVerification() {
    BlockExecutor executor = new BlockExecutor(new TxVerifier(network.params, network.genesisHash(), 1 << 16));
    BlockExecutor.Execution e = executor.execute(base, candidate);
    if (!e.isValid()) {
      throw new IllegalStateException(e.result().toString());
    }
    return e.state().root();
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
