package io.ccoin.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import io.ccoin.core.Vectors;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The encodings of the shared vectors, decoded and re-encoded byte for byte. */
class CodecVectorTest {
  static List<JsonNode> transactions() {
    return Vectors.elements(Vectors.json("transactions.json").get("transactions"));
  }

  static List<JsonNode> rejected() {
    return Vectors.elements(Vectors.json("rejected.json").get("cases"));
  }

  static Stream<String> genesisFiles() {
    return Stream.of("genesis.json", "genesis2.json");
  }

  @ParameterizedTest
  @MethodSource("transactions")
  void transactionEncodingRoundTrips(JsonNode v) {
    byte[] encoded = Vectors.hex(v.get("encoded"));
    Transaction tx = Codec.decodeTransaction(encoded);

    assertThat(tx.chainId()).isEqualTo(v.get("chainId").asLong());
    assertThat(tx.nonce()).isEqualTo(v.get("nonce").asLong());
    assertThat(tx.to().toHex()).isEqualTo(v.get("to").asText());
    assertThat(tx.value()).isEqualTo(Long.parseLong(v.get("value").asText()));
    assertThat(tx.fee()).isEqualTo(Long.parseLong(v.get("fee").asText()));
    assertThat(tx.data().toBase64()).isEqualTo(v.get("data").asText());
    assertThat(tx.signature().toBase64()).isEqualTo(v.get("signature").asText());
    assertThat(Codec.encode(tx)).isEqualTo(encoded);
  }

  @ParameterizedTest
  @MethodSource("transactions")
  void signingBodyIsTheTailOfTheSigningMessage(JsonNode v) {
    Transaction tx = Codec.decodeTransaction(Vectors.hex(v.get("encoded")));
    byte[] message = Vectors.hex(v.get("signingMessage"));
    byte[] body = Codec.encodeTxSigningBody(tx);
    // "ccoin/tx/v1" (11 bytes) || genesisHash (32 bytes) || msgpack(7 fields)
    assertThat(java.util.Arrays.copyOfRange(message, 43, message.length)).isEqualTo(body);
  }

  @ParameterizedTest
  @MethodSource("genesisFiles")
  void genesisHeaderAndParamsRoundTrip(String file) {
    JsonNode v = Vectors.json(file);
    byte[] header = Vectors.hex(v.get("header"));
    BlockHeader h = Codec.decodeHeader(header);
    assertThat(Codec.encode(h)).isEqualTo(header);
    assertThat(h.powNonce()).isEqualTo(v.get("powNonce").asLong());
    assertThat(h.data().toHex()).isEqualTo(v.get("params").asText());

    ConsensusParams p = Codec.decodeParams(Vectors.hex(v.get("params")));
    assertThat(Codec.encode(p)).isEqualTo(Vectors.hex(v.get("params")));

    byte[] prefix = Codec.encodeHeaderPrefix(h);
    byte[] nonce = CanonicalWriter.encodeUint(h.powNonce());
    assertThat(concat(prefix, nonce)).isEqualTo(header);
  }

  @Test
  void genesisBlockAndSealedHeaderRoundTrip() {
    JsonNode v = Vectors.json("genesis.json");
    byte[] sealed = Vectors.hex(v.get("sealedHeader"));
    SealedHeader s = Codec.decodeSealedHeader(sealed);
    assertThat(s.minerKey().isEmpty()).isTrue();
    assertThat(Codec.encode(s)).isEqualTo(sealed);
    byte[] block = Vectors.hex(v.get("block"));
    Block b = Codec.decodeBlock(block);
    assertThat(b.transactions()).isEmpty();
    assertThat(Codec.encode(b)).isEqualTo(block);
  }

  @Test
  void block1RoundTrips() {
    JsonNode v = Vectors.json("block1.json");
    byte[] block = Vectors.hex(v.get("block"));
    Block b = Codec.decodeBlock(block);
    assertThat(Codec.encode(b)).isEqualTo(block).hasSize(v.get("size").asInt());
    assertThat(Codec.encode(b.header())).isEqualTo(Vectors.hex(v.get("header")));
    assertThat(Codec.encode(b.sealedHeader())).isEqualTo(Vectors.hex(v.get("sealedHeader")));
    assertThat(b.sealedHeader().signature().toArray()).isEqualTo(Base64.getDecoder().decode(v.get("signature").asText()));
    assertThat(b.transactions()).hasSize(v.get("transactions").size());
    for (int i = 0; i < b.transactions().size(); i++) {
      assertThat(HexFormat.of().formatHex(Codec.encode(b.transactions().get(i))))
          .isEqualTo(v.get("transactions").get(i).asText());
    }
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("rejected")
  void rejectedEncodingsAreRejected(JsonNode v) {
    byte[] bytes = Vectors.hex(v.get("bytes"));
    String what = v.get("what").asText();
    assertThatThrownBy(() -> {
      switch (what) {
        case "Tx" -> Codec.decodeTransaction(bytes);
        case "Header" -> Codec.decodeHeader(bytes);
        default -> throw new AssertionError("unknown kind " + what);
      }
    }).as(v.get("why").asText()).isInstanceOf(DecodeException.class);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
