package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.net.NodeId;
import io.ccoin.net.sim.SimKeys;
import io.ccoin.net.sim.SimNetwork;
import io.ccoin.net.sim.SimTransport;
import io.ccoin.net.sim.VirtualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service's own lifecycle, on its own thread and the system clock. */
class NetworkServiceTest {
  @Test
  void startsOnItsOwnThreadAndStopsPromptly() throws Exception {
    ChainFixture fx = new ChainFixture();
    SimNetwork net = new SimNetwork(new VirtualScheduler(0), 1);
    SimTransport transport = net.transport("alone", 30333);
    try (CcoinNode node = Ccoin.builder().genesis(fx.genesis.genesis()).build()) {
      NetworkService service = NetworkService.builder(node, transport).nodeKey(SimKeys.key("alone"))
          .config(NetworkConfig.builder().handshakeTimeout(Duration.ofMillis(200)).tick(Duration.ofMillis(50)).build())
          .build();
      assertThat(service.nodeId()).isEqualTo(NodeId.ofKey(SimKeys.key("alone").publicKey()));
      assertThat(service.syncState()).isEqualTo(SyncState.BOOT);
      service.start();
      assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
      // no peers at all: after the boot grace the node considers itself synced, but not ready
      Await.until("synced without peers", Duration.ofSeconds(5), () -> service.syncState() == SyncState.SYNCED);
      assertThat(service.isReady(0)).isTrue();
      assertThat(service.isReady(1)).isFalse();
      long t0 = System.nanoTime();
      service.close();
      service.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(service.peers()).isEmpty();
    }
  }

  @Test
  void stopsPromptlyWithPeersAndTimeoutsPending() throws Exception {
    var genesis = TcpTestNode.fastGenesis(java.util.List.of(io.ccoin.core.TestKeys.vector(0)), io.ccoin.core.TestKeys.vector(1));
    try (TcpTestNode a = TcpTestNode.start(genesis, java.util.Optional.empty(), SimKeys.key("a"), NetworkConfig.DEFAULT);
        TcpTestNode b = TcpTestNode.start(genesis, java.util.Optional.empty(), SimKeys.key("b"), NetworkConfig.DEFAULT)) {
      b.connect(a);
      assertThat(Await.within(Duration.ofSeconds(10), () -> a.net.peers().size() == 1)).isTrue();
      // each side has its 10 s handshake timeout pending: stop() used to wait 5 s for it, then give up
      long t0 = System.nanoTime();
      b.net.close();
      a.net.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      assertThat(a.net.peers()).isEmpty();
      assertThatThrownBy(() -> a.net.connect(b.address()).join()).hasMessageContaining("not running");
    }
  }

  @Test
  void aNodeKeyIsRequired() {
    ChainFixture fx = new ChainFixture();
    try (CcoinNode node = Ccoin.builder().genesis(fx.genesis.genesis()).build()) {
      SimTransport t = new SimNetwork(new VirtualScheduler(0), 1).transport("x", 1);
      assertThatThrownBy(() -> NetworkService.builder(node, t).build()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("node key");
      assertThatThrownBy(() -> NetworkConfig.builder().syncBatch(513)).hasMessageContaining("1..512");
      assertThatThrownBy(() -> NetworkConfig.builder().agent("x".repeat(65))).hasMessageContaining("64");
      assertThatThrownBy(() -> NetworkConfig.builder().inboundBacklog(1024)).hasMessageContaining("MAX_FRAME");
      assertThat(NetworkConfig.DEFAULT.inboundBacklogBytes()).isEqualTo(32L << 20);
    }
  }
}
