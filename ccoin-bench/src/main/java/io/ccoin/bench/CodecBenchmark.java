package io.ccoin.bench;

import io.ccoin.api.Block;
import io.ccoin.api.Transaction;
import io.ccoin.core.codec.Codec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
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
 * Canonical msgpack (SPEC 1, 3, 5) of a signed transfer ({@code shape=tx}, 606 bytes) and of a block
 * of 1,000 of them ({@code shape=block}, about 600 KB), encodes or decodes per second on one thread.
 * Baselines in the same run: {@code copy}, a plain copy of the encoded bytes (the least any encoder
 * must do: produce that many bytes), and {@code msgpackSkip}, msgpack-core's generic parser walking
 * the same bytes without checking canonical form or building any object (what a decoder must at
 * least do).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CodecBenchmark {
  @Param({"tx", "block"})
  public String shape;

  private Transaction tx;
  private Block block;
  private byte[] encoded;

  @Setup(Level.Trial)
  public void encodeSample() throws Exception {
    ImportFixture fixture = ImportFixture.build(1, DurableImportBenchmark.TXS_PER_BLOCK, 16, 20261124L);
    block = fixture.blocks.get(0);
    tx = block.transactions().get(0);
    encoded = shape.equals("tx") ? Codec.encode(tx) : Codec.encode(block);
  }

  @Benchmark
  public byte[] encode() {
    return shape.equals("tx") ? Codec.encode(tx) : Codec.encode(block);
  }

  @Benchmark
  public Object decode() {
    return shape.equals("tx") ? Codec.decodeTransaction(encoded) : Codec.decodeBlock(encoded);
  }

  /** Baseline of {@link #encode}: copying the encoded bytes. */
  @Benchmark
  public byte[] copy() {
    return encoded.clone();
  }

  /** Baseline of {@link #decode}: msgpack-core walking the bytes without checks or objects. */
  @Benchmark
  public long msgpackSkip() throws IOException {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(encoded)) {
      u.skipValue();
      return u.getTotalReadBytes();
    }
  }
}
