package io.ccoin.core.pow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.BlockHeader;
import io.ccoin.core.Vectors;
import io.ccoin.core.codec.Codec;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProofOfWorkTest {
  @ParameterizedTest
  @CsvSource({
    "00ffffff, 0, true", "0fffffff, 1, true", "10ffffff, 1, false", "00ffffff, 2, true", "000fffff, 3, true",
    "001fffff, 3, false", "00000000, 8, true", "00000001, 8, false", "ffffffff, 0, true", "ffffffff, 1, false"
  })
  void difficultyCountsLeadingZeroHexDigits(String prefix, long difficulty, boolean meets) {
    byte[] hash = new byte[32];
    System.arraycopy(HexFormat.of().parseHex(prefix), 0, hash, 0, 4);
    java.util.Arrays.fill(hash, 4, 32, (byte) 0xff);
    assertThat(ProofOfWork.meetsDifficulty(hash, difficulty)).isEqualTo(meets);
  }

  @ParameterizedTest
  @ValueSource(strings = {"genesis.json", "genesis2.json", "block1.json"})
  void grindingWithThePrefixGivesTheSamePowHashAsTheFullEncoding(String file) {
    JsonNode v = Vectors.json(file);
    BlockHeader h = Codec.decodeHeader(Vectors.hex(v.get("header")));
    ProofOfWork pow = new ProofOfWork(h);
    assertThat(pow.hashWith(h.powNonce()).toHex()).isEqualTo(v.get("powHash").asText());
    assertThat(ProofOfWork.powHash(h).toHex()).isEqualTo(v.get("powHash").asText());
    assertThat(pow.tryNonce(h.powNonce())).isTrue();
    for (long n : new long[] {0, 127, 128, 255, 256, 65535, 65536, 1L << 32, Long.MAX_VALUE}) {
      assertThat(pow.hashWith(n)).isEqualTo(ProofOfWork.powHash(h.withPowNonce(n)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"genesis.json", "genesis2.json"})
  void genesisNonceIsTheSmallestThatMeetsTheDifficulty(String file) {
    JsonNode v = Vectors.json(file);
    BlockHeader h = Codec.decodeHeader(Vectors.hex(v.get("header")));
    assertThat(new ProofOfWork(h).smallestNonce()).isEqualTo(v.get("powNonce").asLong());
  }
}
