package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Transaction;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Signatures;
import io.ccoin.core.pool.AddResult;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Transaction admission (SPEC 8) as {@code POST /transactions} does it, transactions per second:
 * decode the canonical bytes, then {@link CcoinNode#submit}: hash, key check, RSA signature (a cache
 * miss every time), nonce and balance checks (the accounts read from the node's head), insert into
 * the node's pool, shared by the threads. On one thread and on every
 * thread ({@code -t max}), beside the baseline: the JDK's raw {@link Signature#verify} (SHA256withRSA,
 * the key already parsed) of the same signing messages and signatures.
 *
 * <p>Data: {@value #SENDERS} senders with {@value #NONCES} transactions each (the pool's nonce
 * window), split among the threads by sender, submitted in nonce order. When a thread has submitted
 * all of its transactions it puts a new node (in memory, not started: a new, empty pool and a new
 * verifier, so no signature is ever remembered) in place of the shared one and starts over; the
 * other threads' transactions then enter the new node's pool as future ones until they start over
 * too. Making the node is in the timing (a chain on a new {@code MemoryChainStore} from the
 * genesis block built in setup, once each time a thread has gone through its transactions);
 * replacing it is a field write, so the threads contend only where a node's do:
 * the pool's lock and the caches. A replaced node is left to the garbage collector (an in-memory
 * node holds no other resource until started).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class AdmissionBenchmark {
  static final int SENDERS = 128;
  static final int NONCES = 64;

  private BenchNetwork network;
  /** Encoded transactions of sender s, nonces 0..NONCES-1. */
  private byte[][][] raw;
  private byte[][][] messages;
  private byte[][][] signatures;
  private RSAPublicKey[] keys;
  private volatile CcoinNode node;

  @Setup(Level.Trial)
  public void signTransactions() {
    network = BenchNetwork.create(SENDERS, 0, 1000, 20261124L);
    Random random = new Random(7);
    List<Address> recipients = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      recipients.add(BenchNetwork.randomAddress(random));
    }
    raw = new byte[SENDERS][NONCES][];
    messages = new byte[SENDERS][NONCES][];
    signatures = new byte[SENDERS][NONCES][];
    keys = new RSAPublicKey[SENDERS];
    IntStream.range(0, SENDERS * NONCES).parallel().forEach(i -> {
      int s = i / NONCES;
      int n = i % NONCES;
      Transaction tx = network.transfer(s, n, recipients.get(i % recipients.size()), 1 + i % 1000);
      raw[s][n] = Codec.encode(tx);
      messages[s][n] = Hashes.txSigningMessage(network.genesisHash(), tx);
      signatures[s][n] = tx.signature().toArray();
    });
    for (int s = 0; s < SENDERS; s++) {
      AccountKey k = network.senders.get(s);
      keys[s] = PublicKeys.validate(k.publicKey());
    }
    node = newNode();
  }

  /** A node of the network (its genesis gives every sender a rich account), in memory, not started. */
  private CcoinNode newNode() {
    return Ccoin.builder().genesis(network.genesis).build();
  }

  @TearDown(Level.Trial)
  public void closeNode() {
    node.close();
  }

  /** One thread's senders and where it is in them. */
  @State(Scope.Thread)
  public static class Share {
    int[] senders;
    int next;
    Signature verifier;

    @Setup(Level.Trial)
    public void pickSenders(ThreadParams thread) throws GeneralSecurityException {
      int t = thread.getThreadIndex();
      int count = thread.getThreadCount();
      senders = IntStream.range(0, SENDERS).filter(s -> s % count == t).toArray();
      verifier = Signature.getInstance(Signatures.ALGORITHM);
    }

    /** The index of the next transaction in this share, nonce-major so that every one is ready. */
    int take() {
      int i = next++;
      if (next == senders.length * NONCES) {
        next = 0;
      }
      return i;
    }
  }

  private AddResult admit(Share share) {
    int i = share.take();
    int s = share.senders[i % share.senders.length];
    int n = i / share.senders.length;
    AddResult r = node.submit(Codec.decodeTransaction(raw[s][n]));
    if (r.status() != AddResult.Status.ADDED) {
      throw new IllegalStateException("not admitted: " + r);
    }
    if (share.next == 0) {
      node = newNode();
    }
    return r;
  }

  private boolean rawVerify(Share share) throws GeneralSecurityException {
    int i = share.take();
    int s = share.senders[i % share.senders.length];
    int n = i / share.senders.length;
    Signature v = share.verifier;
    v.initVerify(keys[s]);
    v.update(messages[s][n]);
    if (!v.verify(signatures[s][n])) {
      throw new IllegalStateException("a signature did not verify");
    }
    return true;
  }

  @Benchmark
  @Threads(1)
  public AddResult admitOneThread(Share share) {
    return admit(share);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public AddResult admitAllThreads(Share share) {
    return admit(share);
  }

  /** Baseline: the JDK's SHA256withRSA verification alone, one thread. */
  @Benchmark
  @Threads(1)
  public boolean rawVerifyOneThread(Share share) throws GeneralSecurityException {
    return rawVerify(share);
  }

  /** Baseline: the JDK's SHA256withRSA verification alone, every thread. */
  @Benchmark
  @Threads(Threads.MAX)
  public boolean rawVerifyAllThreads(Share share) throws GeneralSecurityException {
    return rawVerify(share);
  }
}
