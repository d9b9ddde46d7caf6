package io.ccoin.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Round-trip properties over random values: {@code decode(encode(x)) == x}, and for random
 * mutations of valid encodings, every accepted {@code b} satisfies {@code encode(decode(b)) == b}.
 */
class CodecPropertyTest {
  private static final int VALUES = 2_000;
  private static final int MUTATIONS = 20_000;

  private final Random random = new Random(20261124);

  private long anyUint() {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextInt(128);
      case 1 -> 128 + random.nextInt(128);
      case 2 -> 256 + random.nextInt(65536 - 256);
      case 3 -> 65536 + (random.nextLong() & 0xffff_ffffL) % (0x1_0000_0000L - 65536);
      case 4 -> Long.MAX_VALUE - random.nextInt(3);
      default -> random.nextLong() & Long.MAX_VALUE;
    };
  }

  private Bytes anyBytes(int max) {
    int n = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(Math.min(max, 256));
      default -> random.nextInt(max + 1);
    };
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.of(b);
  }

  private Address anyAddress() {
    byte[] b = new byte[20];
    random.nextBytes(b);
    return Address.of(b);
  }

  private Hash anyHash() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash.of(b);
  }

  private Transaction anyTx() {
    return new Transaction(anyUint(), anyUint(), anyAddress(), anyUint(), anyUint(), anyBytes(300), anyBytes(294), anyBytes(256));
  }

  /** A version 1 header, or a version 2 header with or without a vote. */
  private BlockHeader anyHeader() {
    long version = 1 + random.nextInt(2);
    java.util.Optional<io.ccoin.api.Vote> vote = version == 2 && random.nextBoolean()
        ? java.util.Optional.of(new io.ccoin.api.Vote(anyAddress(), random.nextBoolean())) : java.util.Optional.empty();
    return new BlockHeader(version, anyUint(), anyUint(), anyHash(), anyUint(), anyAddress(), anyHash(), anyHash(), anyUint(), anyBytes(300),
        vote, anyUint());
  }

  private Block anyBlock() {
    List<Transaction> txs = new ArrayList<>();
    int n = random.nextInt(4) == 0 ? random.nextInt(20) : random.nextInt(3);
    for (int i = 0; i < n; i++) {
      txs.add(anyTx());
    }
    return new Block(new SealedHeader(anyHeader(), anyBytes(294), anyBytes(256)), txs);
  }

  private ConsensusParams anyParams() {
    List<Address> miners = new ArrayList<>();
    int n = 1 + random.nextInt(20);
    for (int i = 0; i < n; i++) {
      miners.add(anyAddress());
    }
    long interval = 50 + random.nextInt(1_000_000);
    long leaderTimeout = 50 + random.nextInt(100_000);
    long maxBound = 1 + random.nextInt(10_000);
    ConsensusParams v1 = new ConsensusParams(random.nextLong() & ConsensusParams.MAX_NETWORK_ID, miners, interval, maxBound,
        random.nextLong(maxBound + 1), anyUint(), random.nextInt(17), random.nextBoolean(), leaderTimeout,
        random.nextInt(n), anyUint(), anyUint(), random.nextInt(8 * 1024 * 1024 - 63), anyUint(),
        1 + random.nextLong(interval), random.nextLong(leaderTimeout));
    return random.nextBoolean() ? v1 : v1.withEpoch(2 + random.nextLong(ConsensusParams.MAX_EPOCH - 1));
  }

  @Test
  void transactionsRoundTrip() {
    for (int i = 0; i < VALUES; i++) {
      Transaction tx = anyTx();
      byte[] encoded = Codec.encode(tx);
      assertThat(Codec.decodeTransaction(encoded)).isEqualTo(tx);
      assertThat(Codec.encodedSize(tx)).isEqualTo(encoded.length);
      assertThat(Hashes.txHash(tx)).isEqualTo(Sha256.hash(encoded));
    }
    List<Transaction> many = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      many.add(new Transaction(1, i, anyAddress(), 3, 4, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
    }
    Block large = new Block(new SealedHeader(anyHeader(), anyBytes(294), anyBytes(256)), many);
    assertThat(Codec.encodedSize(large)).isEqualTo(Codec.encode(large).length);
    Transaction big = new Transaction(1, 2, anyAddress(), 3, 4, Bytes.of(new byte[70_000]), anyBytes(294), anyBytes(256));
    assertThat(Codec.encodedSize(big)).isEqualTo(Codec.encode(big).length);
    assertThat(Hashes.txHash(big)).isEqualTo(Sha256.hash(Codec.encode(big)));
  }

  @Test
  void headersAndBlocksRoundTrip() {
    for (int i = 0; i < VALUES; i++) {
      BlockHeader h = anyHeader();
      assertThat(Codec.decodeHeader(Codec.encode(h))).isEqualTo(h);
      Block b = anyBlock();
      assertThat(Codec.decodeBlock(Codec.encode(b))).isEqualTo(b);
      assertThat(Codec.encodedSize(b)).isEqualTo(Codec.encode(b).length);
      SealedHeader s = b.sealedHeader();
      assertThat(Codec.decodeSealedHeader(Codec.encode(s))).isEqualTo(s);
    }
  }

  @Test
  void paramsRoundTrip() {
    for (int i = 0; i < VALUES; i++) {
      ConsensusParams p = anyParams();
      assertThat(Codec.decodeParams(Codec.encode(p))).isEqualTo(p);
    }
  }

  @Test
  void everyAcceptedMutationReencodesToTheSameBytes() {
    mutate(Codec.encode(anyTx()), Codec::decodeTransaction, Codec::encode);
    mutate(Codec.encode(anyBlock()), Codec::decodeBlock, Codec::encode);
    mutate(Codec.encode(anyHeader()), Codec::decodeHeader, Codec::encode);
    mutate(Codec.encode(anyParams()), Codec::decodeParams, Codec::encode);
  }

  private <T> void mutate(byte[] valid, Function<byte[], T> decode, Function<T, byte[]> encode) {
    int accepted = 0;
    for (int i = 0; i < MUTATIONS / 4; i++) {
      byte[] b = mutation(valid);
      T value;
      try {
        value = decode.apply(b);
      } catch (DecodeException expected) {
        continue;
      }
      accepted++;
      assertThat(encode.apply(value)).as("re-encoding of an accepted input").isEqualTo(b);
    }
    assertThat(accepted).as("some mutations keep the encoding valid").isPositive();
  }

  private byte[] mutation(byte[] valid) {
    byte[] b;
    switch (random.nextInt(4)) {
      case 0 -> {
        b = valid.clone();
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
      }
      case 1 -> {
        b = valid.clone();
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      case 2 -> b = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
      default -> {
        b = java.util.Arrays.copyOf(valid, valid.length + 1 + random.nextInt(3));
      }
    }
    return b;
  }
}
