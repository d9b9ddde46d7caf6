package io.ccoin.bench;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Signatures;
import io.ccoin.core.pool.AccountReader;
import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.TxPool;
import io.ccoin.core.state.TxVerifier;
import java.security.GeneralSecurityException;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Transaction admission (SPEC 8) as {@code POST /transactions} does it, transactions per second:
 * decode the canonical bytes, then {@link TxPool#add}: hash, key check, RSA signature (a cache miss
 * every time), nonce and balance checks, insert into one shared pool. On one thread and on every
 * thread ({@code -t max}), beside the baseline: the JDK's raw {@link Signature#verify} (SHA256withRSA,
 * the key already parsed) of the same signing messages and signatures.
 *
 * <p>Data: {@value #SENDERS} senders with {@value #NONCES} transactions each (the pool's nonce
 * window), split among the threads by sender. When a thread has submitted all of its transactions,
 * it empties the pool of them (a head on which its senders are broke drops them) and starts over; the
 * signature cache holds fewer entries than a thread's share, so no signature is ever remembered.
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
  private Map<Address, Account> rich;
  private TxPool pool;

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
    rich = new HashMap<>();
    for (int s = 0; s < SENDERS; s++) {
      AccountKey k = network.senders.get(s);
      keys[s] = PublicKeys.validate(k.publicKey());
      rich.put(k.address(), new Account(BenchNetwork.SENDER_BALANCE, 0));
    }
    // Capacity below any thread's share: every admission verifies its signature.
    TxVerifier verifier = new TxVerifier(network.params, network.genesisHash(), 1024);
    pool = new TxPool(verifier, this::richAccount);
  }

  private Account richAccount(Address a) {
    return rich.getOrDefault(a, Account.EMPTY);
  }

  /** One thread's senders and where it is in them. */
  @State(Scope.Thread)
  public static class Share {
    int[] senders;
    Set<Address> addresses;
    int next;
    Signature verifier;

    @Setup(Level.Trial)
    public void pickSenders(AdmissionBenchmark b, ThreadParams thread) throws GeneralSecurityException {
      int t = thread.getThreadIndex();
      int count = thread.getThreadCount();
      senders = IntStream.range(0, SENDERS).filter(s -> s % count == t).toArray();
      addresses = new HashSet<>();
      for (int s : senders) {
        addresses.add(b.network.senders.get(s).address());
      }
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
    AddResult r = pool.add(Codec.decodeTransaction(raw[s][n]));
    if (r.status() != AddResult.Status.ADDED) {
      throw new IllegalStateException("not admitted: " + r);
    }
    if (share.next == 0) {
      // Drop this share's transactions: its senders are broke on this head, everyone else is rich.
      Set<Address> broke = share.addresses;
      AccountReader drained = a -> broke.contains(a) ? Account.EMPTY : richAccount(a);
      pool.onNewHead(drained, List.of());
      pool.onNewHead(this::richAccount, List.of());
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
