package io.ccoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Genesis;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Genesis mining with an estimate, progress and a refusal over an hour (issue 17, defect 5), with
 * the measured hash rate and the time injected: nothing here mines for long or sleeps.
 */
class GenesisMiningTest {
  private final StringWriter err = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger measurements = new AtomicInteger();

  static Genesis genesis(int difficulty) {
    return GenesisParser.parse("""
        {"network_id": 9, "miners": ["2e484c543e562684d84210adc75b37efbceb7a5d"],
         "block_mining": {"interval": 1, "max_bound": 10, "min_bound": 1, "reward": 1, "difficulty": 0,
                          "allow_empty": true, "placeholder_data": ["rnd", 4]},
         "genesis_block": {"coinbase": "", "difficulty": %d}, "alloc": {}}
        """.formatted(difficulty));
  }

  /** Mining that believes this machine does {@code rate} H/s, with a clock that moves 20 s per reading; every genesis is "long". */
  GenesisMining mining(double rate) {
    return new GenesisMining(new PrintWriter(err, true), header -> {
      measurements.incrementAndGet();
      return rate;
    }, () -> nanos.addAndGet(20_000_000_000L), 0, 16);
  }

  @Test
  void overAnHourIsRefusedWithOneLineNamingForce() {
    // difficulty 3: 4,096 expected hashes, at 1 H/s 68 minutes
    assertThatThrownBy(() -> mining(1).mine(genesis(3), false))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("genesis_block.difficulty 3 needs ~4.1 k hashes")
        .hasMessageContaining("1.1 h at 1 H/s on this machine")
        .hasMessageContaining("pass --force")
        .hasMessageNotContaining("\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void underAnHourMinesWithTheEstimateAndProgress() {
    GenesisBlock block = mining(2).mine(genesis(3), false); // 4,096 hashes at 2 H/s: 34 minutes
    assertThat(block.hash()).isEqualTo(GenesisBlock.build(genesis(3)).hash());
    String text = err.toString();
    assertThat(text).startsWith("mining genesis: expected ~4.1 k hashes, ~34.1 min at 2 H/s\n");
    assertThat(text).contains("mining genesis: 16 hashes tried (0% of the expected), 20 s elapsed");
    assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).startsWith("mining genesis: done after ");
  }

  @Test
  void forceMinesWhatWouldBeRefused() {
    assertThat(mining(1).check(genesis(3), true)).get().satisfies(e -> assertThat(e.seconds()).isEqualTo(4096.0));
    GenesisBlock block = mining(1).mine(genesis(3), true);
    assertThat(block.hash()).isEqualTo(GenesisBlock.build(genesis(3)).hash());
    assertThat(err.toString()).startsWith("mining genesis: expected ~4.1 k hashes, ~1.1 h at 1 H/s");
  }

  @Test
  void difficulty16IsEstimatedAsAbout2To64Hashes() {
    assertThat(mining(1e7).check(genesis(16), true)).get()
        .satisfies(e -> assertThat(e.hashes()).isEqualTo(Math.pow(2, 64)))
        .satisfies(e -> assertThat(e.describe()).isEqualTo("expected ~1.8e+19 hashes, ~5.8e+04 years at 10.0 M H/s"));
    assertThatThrownBy(() -> mining(1e7).check(genesis(16), false)).hasMessageContaining("--force");
  }

  @Test
  void aLowDifficultyMinesSilentlyWithoutMeasuring() {
    GenesisMining quiet = new GenesisMining(new PrintWriter(err, true), header -> {
      measurements.incrementAndGet();
      return 1;
    }, nanos::get, GenesisMining.QUIET_HASHES, GenesisBlock.PROGRESS_EVERY);
    assertThat(quiet.mine(genesis(3), false).hash()).isEqualTo(GenesisBlock.build(genesis(3)).hash());
    assertThat(measurements).hasValue(0);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void theRealMeasurementGivesAPositiveRate() {
    assertThat(GenesisMining.measureHashRate(GenesisBlock.unsealedHeader(genesis(3)))).isPositive();
  }
}
