package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bootstrap peers with reconnect backoff, and peer exchange with GPE/PES. */
class PeerDiscoveryTest {
  @Test
  void aBootstrapPeerThatIsDownIsRedialedWithExponentialBackoff() {
    try (SimCluster c = new SimCluster(31)) {
      SimNode b = c.plain("b");
      SimNode a = c.add("a", null, List.of(b.address()));
      c.start(a);
      c.runFor(Duration.ofSeconds(30));
      // 1 + backoffs of 1, 2, 4, 8 s within 30 s (and a few ms of latency each), not one per tick
      assertThat(c.network.dials()).isBetween(4L, 6L);
      c.start(b);
      assertThat(c.runUntil(() -> a.net().peers().size() == 1, Duration.ofSeconds(40))).isTrue();
      assertThat(a.net().peers().get(0).nodeId()).isEqualTo(b.net().nodeId());
      // after the connection ends, the static peer is redialed
      b.net().stop();
      c.runFor(Duration.ofSeconds(1));
      b.transport().kill();
      c.runFor(Duration.ofSeconds(5));
      assertThat(a.net().peers()).isEmpty();
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void peersLearnEachOthersAddressesByExchange() {
    try (SimCluster c = new SimCluster(32)) {
      SimNode a = c.plain("a");
      SimNode b = c.add("b", null, List.of(a.address()));
      SimNode d = c.add("d", null, List.of(a.address()));
      c.start(a, b);
      assertThat(c.runUntil(() -> a.net().peers().size() == 1, Duration.ofSeconds(5))).isTrue();
      c.start(d);
      assertThat(c.runUntil(() -> d.net().peers().size() == 2 && b.net().peers().size() == 2, Duration.ofSeconds(120))).isTrue();
      assertThat(d.net().peers()).extracting(PeerInfo::nodeId).containsExactlyInAnyOrder(a.net().nodeId(), b.net().nodeId());
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }
}
