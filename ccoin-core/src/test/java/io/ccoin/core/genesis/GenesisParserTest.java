package io.ccoin.core.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Genesis;
import io.ccoin.core.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenesisParserTest {
  static final String M1 = "2e484c543e562684d84210adc75b37efbceb7a5d";
  static final String M2 = "956bdb28b5edb38da3d6d794ba3f0b569ec4937a";

  /** A minimal valid genesis with one placeholder to replace. */
  static String genesis(String blockMiningExtra, String topExtra) {
    return """
        {
          "network_id": 7,
          "miners": ["%s", "%s"],
          "block_mining": {"interval": 2, "max_bound": 100, "min_bound": 1, "reward": 100, "difficulty": 2,
                           "allow_empty": true, "placeholder_data": ["rnd", 15]%s},
          "genesis_block": {"coinbase": "", "coinbase_reward": 100, "difficulty": 3}%s
        }
        """.formatted(M1, M2, blockMiningExtra, topExtra);
  }

  @Test
  void parsesTheVectorGenesisWithDefaults() {
    Genesis g = GenesisParser.parse(Vectors.text("genesis-input.json"));
    ConsensusParams p = g.params();
    assertThat(p.networkId()).isEqualTo(1);
    assertThat(p.intervalMs()).isEqualTo(2000);
    assertThat(p.leaderTimeoutMs()).isEqualTo(1000);
    assertThat(p.recentWindow()).isEqualTo(1);
    assertThat(p.minGapMs()).isEqualTo(100);
    assertThat(p.maxDriftMs()).isEqualTo(500);
    assertThat(p.minFee()).isEqualTo(1);
    assertThat(p.maxTxData()).isEqualTo(4096);
    assertThat(p.maxBlockData()).isEqualTo(1024);
    assertThat(p.maxBlockBytes()).isEqualTo(4194304);
    assertThat(p.miners()).isSorted().hasSize(3);
    assertThat(g.timestamp()).isEqualTo(1764000000000L);
    assertThat(g.coinbase()).isEmpty();
    assertThat(g.alloc()).containsEntry(Address.fromHex(M2), new Account(10_000_000, 0));
    assertThat(g.placeholderData().random()).isTrue();
    assertThat(g.placeholderData().randomLength()).isEqualTo(15);
  }

  @Test
  void parsesTheSecondVectorGenesis() {
    Genesis g = GenesisParser.parse(Vectors.text("genesis2-input.json"));
    ConsensusParams p = g.params();
    assertThat(p.intervalMs()).isEqualTo(30_500);
    assertThat(p.leaderTimeoutMs()).isEqualTo(15_250);
    assertThat(p.recentWindow()).isEqualTo(2);
    assertThat(p.maxDriftMs()).isEqualTo(7_625);
    assertThat(p.minGapMs()).isEqualTo(125);
    assertThat(p.allowEmpty()).isFalse();
    assertThat(g.coinbase()).contains(Address.fromHex("142dced654682038ce7c61768340a0eb628745bb"));
    assertThat(g.alloc().get(Address.fromHex("bf5903bb58cb352d441a9816e01ca09c15d9287d"))).isEqualTo(new Account(77, 3));
    assertThat(g.placeholderData().predefined().toArray()).isEqualTo("idle".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("genesis.json");
    Files.writeString(ok, genesis("", ""));
    assertThat(GenesisParser.read(ok).params().networkId()).isEqualTo(7);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{");
    assertThatThrownBy(() -> GenesisParser.read(bad)).isInstanceOf(GenesisException.class).hasMessageStartingWith(bad.toString() + ": not valid JSON");
    assertThatThrownBy(() -> GenesisParser.read(dir.resolve("missing.json"))).isInstanceOf(GenesisException.class).hasMessageContaining("cannot read");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key       | , "netwrok_id": 1                                      | netwrok_id: unknown key
      unknown nested key          | , "limits": {"max_tx_dat": 5}                          | limits.max_tx_dat: unknown key
      duplicate key               | , "network_id": 8                                      | Duplicate field 'network_id'
      negative max_peers          | , "max_peers": -1                                      | max_peers: must not be negative
      fraction in an integer      | , "max_peers": 2.0                                     | max_peers: must be a plain integer
      exponent in an integer      | , "max_peers": 1e2                                     | max_peers: must be a plain integer
      string for an integer       | , "max_peers": "5"                                     | max_peers: must be a plain integer
      oversize max_block_bytes    | , "limits": {"max_block_bytes": 8388609}               | limits.max_block_bytes: must be 0 .. 8388544
      bad alloc address           | , "alloc": {"xyz": {"balance": 1}}                     | alloc.xyz: not an address
      duplicate alloc address     | , "alloc": {"%s": {"balance": 1}, "0x%S": {"balance": 2}} | duplicate address
      alloc without balance       | , "alloc": {"%s": {"nonce": 1}}                        | balance: is required
      alloc overflow              | , "alloc": {"%s": {"balance": 9223372036854775807}, "956bdb28b5edb38da3d6d794ba3f0b569ec4937a": {"balance": 1}} | add up to more than 2^63-1
      balance above 2^63-1        | , "alloc": {"%s": {"balance": 9223372036854775808}}    | must be 0 .. 2^63-1
      trailing garbage            | } x                                                    | not valid JSON
      """)
  void topLevelMistakes(String what, String extra, String message) {
    String text = genesis("", extra.replace("%s", M1).replace("%S", M1.toUpperCase()));
    if (what.equals("trailing garbage")) {
      text = genesis("", "") + "x";
    }
    String finalText = text;
    assertThatThrownBy(() -> GenesisParser.parse(finalText)).as(what).isInstanceOf(GenesisException.class).hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      difficulty above 16          | , "difficulty": 17                  | Duplicate field 'difficulty'
      unknown mining key           | , "intervall": 3                    | block_mining.intervall: unknown key
      negative leader_timeout      | , "leader_timeout": -1              | block_mining.leader_timeout: must be a number of seconds
      four fraction digits         | , "leader_timeout": 1.0005          | block_mining.leader_timeout: must be a number of seconds
      exponent duration            | , "leader_timeout": 1e1             | block_mining.leader_timeout: must be a number of seconds
      leader_timeout below 50 ms   | , "leader_timeout": 0.049           | leader_timeout: must be at least 0.05 seconds
      recent_window too big        | , "recent_window": 2                | recent_window: must be 0 .. 1
      min_gap zero                 | , "min_gap": 0                      | min_gap: must be 0.001 seconds .. interval
      min_gap above interval       | , "min_gap": 2.001                  | min_gap: must be 0.001 seconds .. interval
      max_drift too big            | , "max_drift": 1                    | max_drift: must be less than leader_timeout
      negative min_fee             | , "min_fee": -3                     | block_mining.min_fee: must not be negative
      """)
  void blockMiningMistakes(String what, String extra, String message) {
    assertThatThrownBy(() -> GenesisParser.parse(genesis(extra, ""))).as(what).isInstanceOf(GenesisException.class).hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no miners              | "miners": [],                                             | miners: needs at least one miner
      duplicate miner        | "miners": ["%s", "0X%S"],                                 | miners[1]: duplicate miner
      bad miner address      | "miners": ["abc"],                                        | miners[0]: not an address
      difficulty 17          | "difficulty": 17,                                          | block_mining.difficulty: must be 0 .. 16
      interval below 50 ms   | "interval": 0.04,                                          | block_mining.interval: must be at least 0.05
      missing network_id     | "network_id": 7,                                           | network_id: is required
      network_id above 2^53  | "network_id": 9007199254740992,                            | network_id: must be 0 .. 9007199254740991
      min_bound > max_bound  | "min_bound": 101,                                          | block_mining.min_bound: must be 0 .. 100
      genesis difficulty 17  | "coinbase_reward": 100, "difficulty": 3                    | genesis_block.difficulty: must be 0 .. 16
      bad coinbase           | "coinbase": "",                                            | genesis_block.coinbase: not an address
      bad placeholder        | "placeholder_data": ["rnd", 15]                            | block_mining.placeholder_data: must be
      placeholder too long   | "placeholder_data": ["rnd", 15]                            | placeholder_data[1]: must be 0 .. 1024
      bad allow_empty        | "allow_empty": true,                                       | block_mining.allow_empty: must be true or false
      """)
  void replacedFieldMistakes(String what, String original, String message) {
    String replacement = switch (what) {
      case "no miners" -> "\"miners\": [\"" + M1 + "\", \"" + M2 + "\"],";
      default -> null;
    };
    String text = genesis("", "");
    String bad = switch (what) {
      case "no miners" -> text.replace(replacement, "\"miners\": [],");
      case "duplicate miner" -> text.replace("\"miners\": [\"" + M1 + "\", \"" + M2 + "\"],", "\"miners\": [\"" + M1 + "\", \"0X" + M1.toUpperCase() + "\"],");
      case "bad miner address" -> text.replace("\"miners\": [\"" + M1 + "\", \"" + M2 + "\"],", "\"miners\": [\"abc\"],");
      case "difficulty 17" -> text.replace("\"difficulty\": 2,", "\"difficulty\": 17,");
      case "interval below 50 ms" -> text.replace("\"interval\": 2,", "\"interval\": 0.04,");
      case "missing network_id" -> text.replace("\"network_id\": 7,", "");
      case "network_id above 2^53" -> text.replace("\"network_id\": 7,", "\"network_id\": 9007199254740992,");
      case "min_bound > max_bound" -> text.replace("\"min_bound\": 1,", "\"min_bound\": 101,");
      case "genesis difficulty 17" -> text.replace("\"coinbase_reward\": 100, \"difficulty\": 3", "\"coinbase_reward\": 100, \"difficulty\": 17");
      case "bad coinbase" -> text.replace("\"coinbase\": \"\",", "\"coinbase\": \"0x12\",");
      case "bad placeholder" -> text.replace("\"placeholder_data\": [\"rnd\", 15]", "\"placeholder_data\": [\"random\", 15]");
      case "placeholder too long" -> text.replace("\"placeholder_data\": [\"rnd\", 15]", "\"placeholder_data\": [\"rnd\", 1025]");
      case "bad allow_empty" -> text.replace("\"allow_empty\": true,", "\"allow_empty\": \"yes\",");
      default -> throw new AssertionError(what);
    };
    assertThat(bad).as("the test edits the text").isNotEqualTo(text);
    assertThatThrownBy(() -> GenesisParser.parse(bad)).as(what).isInstanceOf(GenesisException.class).hasMessageContaining(message);
  }

  @Test
  void coinbaseAbsentOrEmptyMeansNoneAndZerosIsAnAddress() {
    assertThat(GenesisParser.parse(genesis("", "")).coinbase()).isEmpty();
    String zeros = genesis("", "").replace("\"coinbase\": \"\",", "\"coinbase\": \"" + "0".repeat(40) + "\",");
    assertThat(GenesisParser.parse(zeros).coinbase()).contains(Address.ZERO);
    String absent = genesis("", "").replace("\"coinbase\": \"\",", "");
    assertThat(GenesisParser.parse(absent).coinbase()).isEmpty();
  }

  @Test
  void coinbaseRewardAndAllocMayNotOverflowTogether() {
    String text = genesis("", ", \"alloc\": {\"" + M1 + "\": {\"balance\": 9223372036854775707}}");
    assertThat(GenesisParser.parse(text.replace("\"coinbase\": \"\"", "\"coinbase\": \"" + M2 + "\""))).isNotNull();
    String over = text.replace("\"coinbase\": \"\"", "\"coinbase\": \"" + M2 + "\"").replace("\"coinbase_reward\": 100", "\"coinbase_reward\": 101");
    assertThatThrownBy(() -> GenesisParser.parse(over)).hasMessageContaining("more than 2^63-1");
  }

  @Test
  void durationsConvertExactly() {
    Genesis g = GenesisParser.parse(genesis(", \"leader_timeout\": 0.125, \"min_gap\": 1.999, \"max_drift\": 0.05", ""));
    assertThat(g.params().leaderTimeoutMs()).isEqualTo(125);
    assertThat(g.params().minGapMs()).isEqualTo(1999);
    assertThat(g.params().maxDriftMs()).isEqualTo(50);
  }
}
