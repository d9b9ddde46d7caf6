package io.ccoin.net.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.net.SyncState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimSmokeTest {
  @Test
  void aFollowerFollowsTwoValidators() {
    try (SimCluster c = new SimCluster(1)) {
      var m0 = c.validator(0);
      var m1 = c.validator(1);
      var f = c.plain("f1");
      c.start(m0, m1, f);
      boolean ok = c.runUntil(() -> f.height() >= 10 && SimCluster.sameHead(c.nodes), Duration.ofSeconds(120));
      System.out.println("heights " + m0.height() + " " + m1.height() + " " + f.height() + " peers " + f.net().peers().size()
          + " sync " + f.net().syncStatus() + " failures " + c.scheduler.failures());
      assertThat(c.scheduler.failures()).isEmpty();
      assertThat(ok).isTrue();
      assertThat(f.net().syncState()).isEqualTo(SyncState.SYNCED);
      assertThat(f.net().peers()).hasSize(2);
      List.of(m0, m1).forEach(m -> assertThat(m.net().peers()).hasSize(2));
    }
  }
}
