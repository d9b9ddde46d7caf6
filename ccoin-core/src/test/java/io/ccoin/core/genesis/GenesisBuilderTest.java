package io.ccoin.core.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Genesis;
import io.ccoin.api.PlaceholderData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network defined in Java is the network of the same genesis.json: the builders apply the JSON
 * parser's defaults and bounds, so both give the same {@link Genesis} and the same genesis hash.
 */
class GenesisBuilderTest {
  private static final Address A = Address.fromHex("1111111111111111111111111111111111111111");
  private static final Address B = Address.fromHex("2222222222222222222222222222222222222222");
  private static final Address C = Address.fromHex("3333333333333333333333333333333333333333");

  private static ConsensusParams.Builder minimal() {
    return ConsensusParams.builder().networkId(7).miners(List.of(B, A, C)).intervalMs(2_000).maxBound(100)
        .minBound(10).reward(50).difficulty(1).allowEmpty(true);
  }

  @Test
  void theBuildersGiveTheGenesisOfTheSameJsonWithItsDefaults() {
    Genesis parsed = GenesisParser.parse("""
        {"network_id": 7, "miners": ["%s", "%s", "%s"],
         "block_mining": {"interval": 2, "max_bound": 100, "min_bound": 10, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "empty"]},
         "genesis_block": {"coinbase": "%s", "coinbase_reward": 5, "difficulty": 2},
         "alloc": {"%s": {"balance": 1000}, "%s": {"balance": 10, "nonce": 3}}}
        """.formatted(A, B, C, C, A, B));
    Genesis built = Genesis.builder(minimal().build()).genesisDifficulty(2).coinbase(C).coinbaseReward(5)
        .alloc(A, 1000).alloc(B, 10, 3).placeholderData(PlaceholderData.predefined(Bytes.of("empty".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .build();
    assertThat(built).isEqualTo(parsed);
    assertThat(GenesisBlock.build(built).hash()).isEqualTo(GenesisBlock.build(parsed).hash());
    ConsensusParams p = built.params();
    assertThat(p.miners()).containsExactly(A, B, C);
    assertThat(p.leaderTimeoutMs()).isEqualTo(1_000);
    assertThat(p.recentWindow()).isEqualTo(1);
    assertThat(p.minGapMs()).isEqualTo(100);
    assertThat(p.maxDriftMs()).isEqualTo(500);
    assertThat(p.minFee()).isEqualTo(1);
    assertThat(List.of(p.maxTxData(), p.maxBlockData(), p.maxBlockBytes())).containsExactly(4096L, 1024L, 4_194_304L);
    assertThat(built.maxPeers()).isEqualTo(Genesis.DEFAULT_MAX_PEERS);
  }

  @Test
  void aMissingRequiredParameterIsNamed() {
    assertThatThrownBy(() -> ConsensusParams.builder().networkId(1).miners(List.of(A)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("interval: required");
    assertThatThrownBy(() -> Genesis.builder(minimal().build()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("genesis_block.difficulty: required");
  }

  @Test
  void theBoundsAreTheParsersBounds() {
    assertThatThrownBy(() -> minimal().recentWindow(3).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("recent_window: must be 0 .. 2");
    assertThatThrownBy(() -> minimal().minGapMs(2_001).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("min_gap:");
    assertThatThrownBy(() -> Genesis.builder(minimal().build()).genesisDifficulty(1).alloc(A, 1).alloc(A, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("alloc: duplicate address " + A);
  }
}
