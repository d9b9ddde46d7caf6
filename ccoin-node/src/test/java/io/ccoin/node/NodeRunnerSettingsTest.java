package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.Vectors;
import io.ccoin.net.NetworkConfig;
import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.config.NodeConfigParser;
import io.ccoin.node.http.ApiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admission bounds of ccoin.json reach the running node's {@link ApiConfig} and {@link NetworkConfig}. */
class NodeRunnerSettingsTest {
  @TempDir
  Path dir;

  /** A basic node on a memory store, both listeners on 127.0.0.1 port 0, with more keys in its sections. */
  NodeConfig config(String p2pKeys, String httpKeys) throws Exception {
    return config(p2pKeys, httpKeys, "{\"type\": \"memory\"}");
  }

  NodeConfig config(String p2pKeys, String httpKeys, String store) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("genesis.json"), Vectors.text("genesis-input.json"));
    Path file = dir.resolve("ccoin.json");
    Files.writeString(file, """
        {"app": {"base_path": "data"}, "store": %s,
         "p2p": {"host": "127.0.0.1", "port": 0%s},
         "http": {"host": "127.0.0.1", "port": 0%s}}
        """.formatted(store, p2pKeys, httpKeys));
    return NodeConfigParser.read(file, Map.of());
  }

  @Test
  void theBoundsOfTheFileReachTheApiAndTheNetwork() throws Exception {
    NodeConfig cfg = config(", \"tx_queue_limit\": 2048", ", \"submit_concurrency\": 3, \"submit_queue\": 7, \"submit_in_flight\": 5000");
    try (NodeRunner runner = NodeRunner.start(cfg, NodeRunner.Type.BASIC, Optional.empty())) {
      assertThat(runner.apiConfig().submitConcurrency()).isEqualTo(3);
      assertThat(runner.apiConfig().submitQueue()).isEqualTo(7);
      assertThat(runner.apiConfig().submitInFlight()).isEqualTo(5_000);
      assertThat(runner.network().config().txQueueLimit()).isEqualTo(2_048);
    }
  }

  @Test
  void withoutThemTheNodeKeepsTheDefaults() throws Exception {
    NodeConfig cfg = config("", "");
    try (NodeRunner runner = NodeRunner.start(cfg, NodeRunner.Type.BASIC, Optional.empty())) {
      assertThat(runner.apiConfig().submitConcurrency()).isEqualTo(ApiConfig.DEFAULT.submitConcurrency());
      assertThat(runner.apiConfig().submitQueue()).isEqualTo(ApiConfig.DEFAULT.submitQueue()).isEqualTo(64);
      assertThat(runner.apiConfig().submitInFlight()).isEqualTo(ApiConfig.DEFAULT.submitInFlight()).isEqualTo(2_048);
      assertThat(runner.network().config().txQueueLimit()).isEqualTo(NetworkConfig.DEFAULT.txQueueLimit()).isEqualTo(4_096);
    }
  }

  @Test
  void theRateLimitAndTheBoundsAreMappedTogether() {
    ApiConfig unlimited = NodeRunner.apiConfig(new NodeConfig.Http("127.0.0.1", 0, 0, 5, Optional.of(2), 9, 300));
    assertThat(unlimited.submitRate().isUnlimited()).isTrue();
    assertThat(unlimited.submitConcurrency()).isEqualTo(2);
    assertThat(unlimited.submitQueue()).isEqualTo(9);
    assertThat(unlimited.submitInFlight()).isEqualTo(300);
    ApiConfig limited = NodeRunner.apiConfig(new NodeConfig.Http("127.0.0.1", 0));
    assertThat(limited.submitRate()).isEqualTo(new ApiConfig.RateLimit(20, 100));
    assertThat(limited.submitConcurrency()).isEqualTo(ApiConfig.DEFAULT.submitConcurrency());
  }

  @Test
  void aMapDbStoreWritesBehindTheChainOnlyWhenWriteBehindIsSet() throws Exception {
    try (NodeRunner runner = NodeRunner.start(config("", "", "{\"type\": \"mapdb\", \"write_behind\": 4}"), NodeRunner.Type.BASIC,
        Optional.empty())) {
      assertThat(runner.metrics()).as("the queue of a WriteBehindChainStore").contains("ccoin_store_write_queue 0.0");
    }
    try (NodeRunner runner = NodeRunner.start(config("", "", "{\"type\": \"mapdb\"}"), NodeRunner.Type.BASIC, Optional.empty())) {
      assertThat(runner.metrics()).as("by default the store writes before the import returns")
          .contains("ccoin_head_number").doesNotContain("ccoin_store_write_queue");
    }
  }
}
