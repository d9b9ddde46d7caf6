package io.ccoin.bench;

import io.ccoin.api.BlockHeader;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.pow.ProofOfWork;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Proof-of-work grinding (SPEC 5), nonces tried per second: {@link ProofOfWork#tryNonce} (the
 * header's constant prefix hashed once, then only the nonce per attempt) on one thread and on every
 * thread JMH is given ({@code -t max}: one per core), beside the baseline of a miner that does not
 * know that trick: a raw {@link MessageDigest} SHA-256 over the whole encoded header, the nonce
 * written into its last bytes each time. Every thread grinds its own range of nonces, all encoded
 * in the 5-byte uint32 form. Per-thread figures are the score divided by the thread count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ProofOfWorkBenchmark {
  /** The header's data field: 15 bytes is the devnet's placeholder, 1,024 the default maximum. */
  @Param({"15", "1024"})
  public int dataSize;

  private ProofOfWork pow;
  private long nonce;
  private byte[] headerBytes;
  private MessageDigest digest;
  private final byte[] out = new byte[32];

  @Setup(Level.Trial)
  public void prepare(ThreadParams thread) {
    BlockHeader header = HeaderHashBenchmark.sample(dataSize, 20261124L).header().withPowNonce(0);
    pow = new ProofOfWork(header);
    // A range of nonces of its own for each thread, all of them 5-byte uint32 encodings.
    nonce = (1L << 16) + ((long) thread.getThreadIndex() << 28);
    byte[] prefix = Codec.encodeHeaderPrefix(header);
    headerBytes = Arrays.copyOf(prefix, prefix.length + 5);
    headerBytes[prefix.length] = (byte) 0xce;
    digest = Sha256.newDigest();
    writeNonce(nonce);
    if (!Arrays.equals(headerBytes, Codec.encode(header.withPowNonce(nonce)))) {
      throw new IllegalStateException("the baseline does not hash the header's encoding");
    }
  }

  private void writeNonce(long n) {
    int at = headerBytes.length - 4;
    headerBytes[at] = (byte) (n >>> 24);
    headerBytes[at + 1] = (byte) (n >>> 16);
    headerBytes[at + 2] = (byte) (n >>> 8);
    headerBytes[at + 3] = (byte) n;
  }

  private boolean rawAttempt() throws DigestException {
    writeNonce(nonce++);
    digest.update(headerBytes);
    digest.digest(out, 0, out.length);
    return ProofOfWork.meetsDifficulty(out, 3);
  }

  @Benchmark
  @Threads(1)
  public boolean grindOneThread() {
    return pow.tryNonce(nonce++);
  }

  @Benchmark
  @Threads(Threads.MAX)
  public boolean grindAllThreads() {
    return pow.tryNonce(nonce++);
  }

  /** Baseline: SHA-256 of the whole header per nonce, one thread. */
  @Benchmark
  @Threads(1)
  public boolean rawDigestOneThread() throws DigestException {
    return rawAttempt();
  }

  /** Baseline: SHA-256 of the whole header per nonce, every thread. */
  @Benchmark
  @Threads(Threads.MAX)
  public boolean rawDigestAllThreads() throws DigestException {
    return rawAttempt();
  }
}
