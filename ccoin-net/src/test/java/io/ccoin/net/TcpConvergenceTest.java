package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.net.discovery.DiscoveryClient;
import io.ccoin.net.discovery.DiscoveryService;
import io.ccoin.net.sim.SimKeys;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real nodes over TCP on 127.0.0.1: finding each other through discovery, and resuming a sync after a restart. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpConvergenceTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * The glue a node uses (as {@code NodeRunner.dialDiscovered} does): register with the discovery
   * service, and dial every registered node of the chain that is not this node nor a peer yet.
   */
  static final class DiscoveryGlue implements AutoCloseable {
    final TcpTestNode member;
    final DiscoveryClient client;
    final Set<String> dialed = new HashSet<>();

    DiscoveryGlue(TcpTestNode member, AccountKey nodeKey, DiscoveryService service) {
      this.member = member;
      this.client = DiscoveryClient.builder("http://127.0.0.1:" + service.port(), nodeKey).build();
      client.start("127.0.0.1", member.address().getPort(), TcpTestNode.NETWORK_ID);
    }

    void dialDiscovered() {
      client.peers(TcpTestNode.NETWORK_ID).ifPresent(list -> {
        for (var p : list) {
          String key = p.host() + ":" + p.port();
          if (!p.nodeId().equals(member.net.nodeId().hash())
              && member.net.peers().stream().noneMatch(known -> known.nodeId().hash().equals(p.nodeId()))
              && dialed.add(key)) {
            member.net.connect(new InetSocketAddress(p.host(), p.port()));
          }
        }
      });
    }

    @Override
    public void close() {
      client.stop();
      client.deregister(TcpTestNode.NETWORK_ID);
      client.close();
    }
  }

  @Test
  void threeValidatorsFindEachOtherThroughDiscoveryAndConvergeOnOneHead() throws Exception {
    List<AccountKey> miners = List.of(TestKeys.vector(0), TestKeys.vector(1), TestKeys.vector(2));
    Genesis genesis = TcpTestNode.fastGenesis(miners, TestKeys.vector(1));
    List<TcpTestNode> nodes = new ArrayList<>();
    List<DiscoveryGlue> glue = new ArrayList<>();
    ScheduledExecutorService dialer = Executors.newSingleThreadScheduledExecutor();
    DiscoveryService discovery = DiscoveryService.builder().bind("127.0.0.1", 0).build().start();
    try {
      for (int i = 0; i < 3; i++) {
        AccountKey nodeKey = SimKeys.key("validator-" + i);
        TcpTestNode n = TcpTestNode.start(genesis, Optional.of(miners.get(i)), nodeKey, NetworkConfig.DEFAULT);
        nodes.add(n);
        glue.add(new DiscoveryGlue(n, nodeKey, discovery));
      }
      dialer.scheduleWithFixedDelay(() -> glue.forEach(DiscoveryGlue::dialDiscovered), 0, 200, TimeUnit.MILLISECONDS);

      assertThat(Await.within(WAIT, () -> nodes.stream().allMatch(n -> n.net.peers().size() == 2)))
          .as("every node has the other two as peers").isTrue();
      assertThat(discovery.size()).isEqualTo(3);
      long connectedAt = nodes.stream().mapToLong(TcpTestNode::height).max().orElseThrow();
      // the validators take turns: the chain goes on, and all three agree on it
      assertThat(Await.within(WAIT, () -> nodes.stream().allMatch(n -> n.height() >= connectedAt + 6)
          && sameHead(nodes))).as("one head at #%d or later", connectedAt + 6).isTrue();
      long common = nodes.stream().mapToLong(TcpTestNode::height).min().orElseThrow();
      Set<Address> producers = new HashSet<>();
      for (long h = 1; h <= common; h++) {
        Hash hash = nodes.get(0).node.block(h).orElseThrow().hash();
        for (TcpTestNode n : nodes) {
          assertThat(n.node.block(h).orElseThrow().hash()).as("block #%d", h).isEqualTo(hash);
        }
        if (h > connectedAt) {
          producers.add(nodes.get(0).node.block(h).orElseThrow().block().header().miner());
        }
      }
      assertThat(producers).as("every validator produced after they met").hasSize(3);
      nodes.forEach(n -> assertThat(n.net.isReady(2)).isTrue());
    } finally {
      dialer.shutdownNow();
      glue.forEach(DiscoveryGlue::close);
      nodes.forEach(TcpTestNode::close);
      discovery.close();
    }
  }

  /** True when all the nodes have the same head at one moment (blocks come every 0.2 s). */
  static boolean sameHead(List<TcpTestNode> nodes) {
    Hash first = nodes.get(0).node.head().hash();
    return nodes.stream().allMatch(n -> n.node.head().hash().equals(first));
  }

  @Test
  void aNodeRestartedMidSyncResumesWhereItStopped() throws Exception {
    ChainFixture fx = new ChainFixture();
    List<StoredBlock> chain = fx.inTurnChain(fx.genesisBlock(), 300);
    Genesis genesis = fx.genesis.genesis();
    KeptStore kept = new KeptStore();
    TcpTestNode source = TcpTestNode.start(genesis, Optional.empty(), SimKeys.key("source"), NetworkConfig.DEFAULT);
    TcpTestNode syncing = null;
    try {
      for (StoredBlock b : chain) {
        assertThat(source.node.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
      // batches of 20 and at most 5 requests per 30 s: the sync stops at #100 for a while
      NetworkConfig slow = NetworkConfig.builder().syncBatch(20).blockRequestLimit(5, Duration.ofSeconds(30)).build();
      syncing = TcpTestNode.start(genesis, Optional.empty(), SimKeys.key("syncing"), slow, Optional.of(kept), t -> t);
      syncing.connect(source);
      TcpTestNode first = syncing;
      assertThat(Await.within(WAIT, () -> first.height() == 100)).isTrue();
      assertThat(first.net.syncStatus().state()).isEqualTo(SyncState.SYNCING);
      assertThat(first.net.syncStatus().peer()).contains(source.net.nodeId());

      // the node stops (network and node) in the middle of the sync and starts again on its store
      syncing.close();
      syncing = null;
      assertThat(kept.inner.head()).contains(chain.get(99).hash());
      AtomicInteger imports = new AtomicInteger();
      CcoinNode restarted = Ccoin.builder().genesis(genesis).store(kept).build();
      Subscription counting = restarted.onImport(t -> imports.incrementAndGet());
      assertThat(restarted.head().number()).isEqualTo(100);
      restarted.start();
      syncing = TcpTestNode.attach(restarted, SimKeys.key("syncing"), NetworkConfig.DEFAULT, t -> t);
      syncing.connect(source);
      TcpTestNode second = syncing;
      assertThat(Await.within(WAIT, () -> second.height() == 300 && second.net.syncState() == SyncState.SYNCED)).isTrue();
      assertThat(restarted.head().hash()).isEqualTo(source.node.head().hash());
      assertThat(imports.get()).as("only the 200 blocks it lacked were fetched").isEqualTo(200);
      assertThat(second.net.isReady(1)).isTrue();
      counting.close();
    } finally {
      if (syncing != null) {
        syncing.close();
      }
      source.close();
      kept.inner.close();
    }
  }

  /** A memory store that outlives the node using it: {@code close} is the test's. */
  static final class KeptStore extends ForwardingChainStore {
    final MemoryChainStore inner;

    KeptStore() {
      this(new MemoryChainStore());
    }

    private KeptStore(MemoryChainStore inner) {
      super(inner);
      this.inner = inner;
    }

    @Override
    public void close() {
      // the node closes its store when it closes; this one is kept for the restart
    }
  }
}
