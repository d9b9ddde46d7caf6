package io.ccoin.bench;

import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.Sha256;
import java.security.MessageDigest;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Header hashing (SPEC 5) on one thread, hashes per second: {@code blockHash} of a sealed header and
 * {@code powHash} of a header, both decoded from their encodings as a node receives them (so no
 * encoding is cached anywhere), each beside its baseline: a raw {@link MessageDigest} SHA-256 of the
 * same bytes, already encoded. The ratio is what ccoin's encoding and copying cost on top of the
 * hash itself. {@code dataSize} is the header's {@code data} field (the devnet's empty blocks carry
 * 15 bytes; {@code max_block_data} defaults to 1,024).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class HeaderHashBenchmark {
  @Param({"0", "15", "1024"})
  public int dataSize;

  private SealedHeader sealed;
  private BlockHeader header;
  private byte[] sealedBytes;
  private byte[] headerBytes;
  private MessageDigest digest;

  @Setup(Level.Trial)
  public void decodeHeaders() {
    SealedHeader built = sample(dataSize, 20261124L);
    sealedBytes = Codec.encode(built);
    sealed = Codec.decodeSealedHeader(sealedBytes);
    headerBytes = Codec.encode(sealed.header());
    header = Codec.decodeHeader(headerBytes);
    digest = Sha256.newDigest();
    if (!Hashes.blockHash(sealed).equals(Hash.of(digest.digest(sealedBytes)))) {
      throw new IllegalStateException("blockHash differs from the raw digest of the same bytes");
    }
  }

  /** A sealed header of realistic shape: random hashes, a 294-byte key and a 256-byte signature. */
  static SealedHeader sample(int dataSize, long seed) {
    Random r = new Random(seed);
    BlockHeader h = new BlockHeader(BlockHeader.VERSION, 1337, 123_456, hash(r), ImportFixture.T0, BenchNetwork.randomAddress(r),
        hash(r), hash(r), 3, bytes(r, dataSize), 3_000_000_000L);
    return new SealedHeader(h, bytes(r, 294), bytes(r, 256));
  }

  private static Hash hash(Random r) {
    byte[] b = new byte[Hash.SIZE];
    r.nextBytes(b);
    return Hash.of(b);
  }

  private static Bytes bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return Bytes.of(b);
  }

  @Benchmark
  public Hash blockHash() {
    return Hashes.blockHash(sealed);
  }

  /** Baseline of {@link #blockHash}: SHA-256 of the sealed header's encoding. */
  @Benchmark
  public byte[] rawBlockHash() {
    return digest.digest(sealedBytes);
  }

  @Benchmark
  public Hash powHash() {
    return Hashes.powHash(header);
  }

  /** Baseline of {@link #powHash}: SHA-256 of the header's encoding. */
  @Benchmark
  public byte[] rawPowHash() {
    return digest.digest(headerBytes);
  }
}
