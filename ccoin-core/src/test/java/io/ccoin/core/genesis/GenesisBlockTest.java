package io.ccoin.core.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Genesis;
import io.ccoin.core.Vectors;
import io.ccoin.core.codec.Codec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenesisBlockTest {
  @ParameterizedTest
  @CsvSource({"genesis-input.json, genesis.json", "genesis2-input.json, genesis2.json", "genesis3-input.json, genesis3.json"})
  void buildsTheVectorGenesisByteForByte(String input, String expected) {
    JsonNode v = Vectors.json(expected);
    GenesisBlock g = GenesisBlock.build(GenesisParser.parse(Vectors.text(input)));
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(Codec.encode(g.genesis().params()))).isEqualTo(v.get("params").asText());
    assertThat(g.header().stateRoot().toHex()).isEqualTo(v.get("stateRoot").asText());
    assertThat(hex.formatHex(Codec.encode(g.header()))).isEqualTo(v.get("header").asText());
    assertThat(g.header().powNonce()).isEqualTo(v.get("powNonce").asLong());
    assertThat(g.powHash().toHex()).isEqualTo(v.get("powHash").asText());
    assertThat(g.hash().toHex()).isEqualTo(v.get("hash").asText());
    if (v.has("sealedHeader")) {
      assertThat(hex.formatHex(Codec.encode(g.block().sealedHeader()))).isEqualTo(v.get("sealedHeader").asText());
    }
    if (v.has("block")) {
      assertThat(hex.formatHex(Codec.encode(g.block()))).isEqualTo(v.get("block").asText());
      assertThat(g.header().txRoot().toHex()).isEqualTo(v.get("txRoot").asText());
    }
    assertThat(g.header().version()).isEqualTo(g.genesis().params().version());
    assertThat(Codec.decodeParams(hex.parseHex(v.get("params").asText()))).isEqualTo(g.genesis().params());
  }

  @Test
  void sameFileSameHashTwice() {
    String text = Vectors.text("genesis-input.json");
    assertThat(GenesisBlock.build(GenesisParser.parse(text)).hash()).isEqualTo(GenesisBlock.build(GenesisParser.parse(text)).hash());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      "network_id": 1,                    | "network_id": 2,
      "interval": 2,                      | "interval": 3,
      "max_bound": 100,                   | "max_bound": 99,
      "min_bound": 1,                     | "min_bound": 2,
      "reward": 100,                      | "reward": 101,
      "difficulty": 2,                    | "difficulty": 1,
      "allow_empty": true,                | "allow_empty": false,
      "leader_timeout": 1}                | "leader_timeout": 1.001}
      "leader_timeout": 1}                | "leader_timeout": 1, "recent_window": 0}
      "leader_timeout": 1}                | "leader_timeout": 1, "min_gap": 0.2}
      "leader_timeout": 1}                | "leader_timeout": 1, "max_drift": 0.4}
      "leader_timeout": 1}                | "leader_timeout": 1, "min_fee": 2}
      "max_peers": 25,                    | "max_peers": 25, "limits": {"max_tx_data": 100},
      "max_peers": 25,                    | "max_peers": 25, "limits": {"max_block_data": 100},
      "max_peers": 25,                    | "max_peers": 25, "limits": {"max_block_bytes": 100000},
      "3237125f011dc7122dc056e285453f067b7849c4"] | "3237125f011dc7122dc056e285453f067b7849c5"]
      "coinbase": "",                     | "coinbase": "3237125f011dc7122dc056e285453f067b7849c4",
      "difficulty": 3}                    | "difficulty": 4}
      "timestamp": 1764000000000,         | "timestamp": 1764000000001,
      {"balance": 10000000}               | {"balance": 10000001}
      """)
  void changingAnyConsensusParameterChangesTheHash(String from, String to) {
    String text = Vectors.text("genesis-input.json");
    String changed = text.replace(from, to);
    assertThat(changed).as("the edit applies").isNotEqualTo(text);
    Genesis a = GenesisParser.parse(text);
    Genesis b = GenesisParser.parse(changed);
    assertThat(GenesisBlock.build(b).hash()).isNotEqualTo(GenesisBlock.build(a).hash());
  }
}
