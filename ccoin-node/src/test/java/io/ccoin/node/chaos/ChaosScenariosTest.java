package io.ccoin.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full set of fault-injection scenarios ({@code mvn verify -Pchaos -pl ccoin-node -am}); each
 * appends its row to {@code ccoin-node/target/chaos/results.md}, the table of docs/RELIABILITY.md.
 */
@Tag("chaos")
class ChaosScenariosTest {
  static final int LOAD = 10;

  @TempDir
  Path dir;

  @BeforeEach
  void needsNamespaces() {
    LabSupport.assumeNamespaces();
  }

  private static void check(ScenarioReport report) throws Exception {
    ChaosRun.record(report);
    System.out.println(report.summary());
    assertThat(report.failures()).as(report.summary()).isEmpty();
    assertThat(report.lost()).isZero();
    assertThat(report.confirmed()).isPositive();
  }

  @Test
  @Timeout(600)
  void partitionOfOneValidatorFor60s() throws Exception {
    check(ChaosRun.run("partition 1/2", "v2 cut off from v0, v1 for 60 s, then healed", LOAD, dir,
        Scenarios.partition(Duration.ofSeconds(60), Duration.ofSeconds(25))));
  }

  @Test
  @Timeout(600)
  void killRandomValidators() throws Exception {
    long seed = System.nanoTime();
    check(ChaosRun.run("kill -9", "for 60 s, a random validator SIGKILLed, restarted 1-3 s later, the next 4 s after it answers (seed " + seed + ")", LOAD, dir,
        Scenarios.killRandom(Duration.ofSeconds(60), Duration.ofSeconds(4), seed)));
  }

  @Test
  @Timeout(600)
  void slowLossyLinks() throws Exception {
    check(ChaosRun.run("latency and loss", "every P2P link 100-200 ms each way, 2 % of chunks one retransmission timeout late (LatencyProxy), 60 s",
        LOAD, dir, Scenarios.slowLinks(100, 200, 0.02, Duration.ofSeconds(60))));
  }

  @Test
  @Timeout(600)
  void oneValidatorsClockAhead() throws Exception {
    LabSupport.assumeFaketime();
    check(ChaosRun.run("clock skew", "v2's wall clock 4 s ahead (libfaketime) for 60 s", LOAD, dir,
        Scenarios.clockSkew(4, Duration.ofSeconds(60))));
  }

  @Test
  @Timeout(600)
  void hostileProcessOnAValidatorsHost() throws Exception {
    check(ChaosRun.run("hostile neighbour", "a process on v0's address sends v1, v2 an oversize frame; v0 SIGKILLed and restarted", LOAD, dir,
        Scenarios.hostileNeighbour(Duration.ofSeconds(30))));
  }
}
