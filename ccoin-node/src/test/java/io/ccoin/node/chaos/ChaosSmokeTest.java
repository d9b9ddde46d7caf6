package io.ccoin.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short scenario of the fault-injection harness, run by {@code mvn verify}: three validator
 * processes, each in its own network namespace, under a light load; one is cut off from the other
 * two for 40 s and the partition heals. The full set is {@link ChaosScenariosTest} ({@code -Pchaos}).
 */
class ChaosSmokeTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(420)
  void aPartitionOfOneValidatorHealsWithNothingLost() throws Exception {
    LabSupport.assumeNamespaces();
    ScenarioReport report = ChaosRun.run("partition 1/2, short", "v2 cut off from v0, v1 for 40 s, then healed", 6, dir,
        Scenarios.partition(Duration.ofSeconds(40), Duration.ofSeconds(25)));
    ChaosRun.record(report);
    System.out.println(report.summary());
    assertThat(report.failures()).as(report.summary()).isEmpty();
    assertThat(report.lost()).isZero();
    assertThat(report.confirmed()).isPositive();
  }
}
