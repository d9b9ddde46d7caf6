package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures are paired with their baseline of the same parameters, and the ratio is theirs. */
class RatiosTest {
  @Test
  void pairsEachFigureWithItsBaselineOfTheSameParameters(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("results.json");
    Files.writeString(json, """
        [
          {"benchmark": "io.ccoin.bench.HeaderHashBenchmark.blockHash", "threads": 1, "params": {"dataSize": "15"},
           "primaryMetric": {"score": 900.0, "scoreError": 10.0}},
          {"benchmark": "io.ccoin.bench.HeaderHashBenchmark.rawBlockHash", "threads": 1, "params": {"dataSize": "0"},
           "primaryMetric": {"score": 5000.0, "scoreError": 1.0}},
          {"benchmark": "io.ccoin.bench.HeaderHashBenchmark.rawBlockHash", "threads": 1, "params": {"dataSize": "15"},
           "primaryMetric": {"score": 1000.0, "scoreError": 1.0}},
          {"benchmark": "io.ccoin.bench.ProofOfWorkBenchmark.grindAllThreads", "threads": 2, "params": {"dataSize": "15"},
           "primaryMetric": {"score": 4000.0, "scoreError": 1.0}}
        ]
        """);
    List<String> lines = Ratios.table(Ratios.read(json));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("HeaderHashBenchmark.blockHash", "{dataSize=15}", "900 ± 10.0", "rawBlockHash", "1,000", "| 0.90 |");
    assertThat(lines.get(3)).contains("grindAllThreads", "| 2,000 |", "rawDigestAllThreads", "| ? |");
  }

  @Test
  void turnsASingleShotTimePerOperationIntoOperationsPerSecond(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("results.json");
    Files.writeString(json, """
        [
          {"benchmark": "io.ccoin.bench.StateRootBenchmark.importBlock", "threads": 1,
           "params": {"accounts": "10000", "changed": "1"},
           "primaryMetric": {"score": 50.0, "scoreError": 5.0, "scoreUnit": "us/op"}},
          {"benchmark": "io.ccoin.bench.StateRootBenchmark.rawHashes", "threads": 1,
           "params": {"accounts": "10000", "changed": "1"},
           "primaryMetric": {"score": 400000.0, "scoreError": 1.0, "scoreUnit": "ops/s"}}
        ]
        """);
    List<String> lines = Ratios.table(Ratios.read(json));
    assertThat(lines).hasSize(3);
    // 50 µs per block is 20,000 blocks/s, ± 5 µs is ± 2,000/s; against 400,000 hashes-worth/s
    assertThat(lines.get(2)).contains("StateRootBenchmark.importBlock", "20,000 ± 2,000", "rawHashes", "400,000", "| 0.05 |");
  }
}
