package io.ccoin.net.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.pool.AddResult;
import io.ccoin.net.SyncState;
import io.ccoin.net.sim.SimCluster.SimNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator part of the acceptance list of issue #5: whole networks in virtual time, deterministic from a seed. */
class SimulationTest {

  /** The summary of a run, to compare two runs of one seed. */
  record Outcome(Hash head, long height, Hash stateRoot, long tasks, long framesSent, long framesLost) {}

  /** Every node has the same head and state root; returns that head's height. */
  static long converged(List<SimNode> nodes) {
    assertThat(nodes.stream().map(n -> n.node().head().hash()).distinct()).as("heads").hasSize(1);
    assertThat(nodes.stream().map(n -> n.node().head().block().header().stateRoot()).distinct()).as("state roots").hasSize(1);
    return nodes.get(0).height();
  }

  static void pauseMiners(List<SimNode> nodes, boolean pause) {
    nodes.forEach(n -> n.miner().pause(pause));
  }

  /** Runs until every node agrees on one head with the miners paused (so nothing moves any more). */
  static void settle(SimCluster c, List<SimNode> nodes, Duration max) {
    pauseMiners(c.nodes, true);
    c.runUntil(() -> SimCluster.sameHead(nodes), max);
    c.runFor(Duration.ofSeconds(5));
  }

  Outcome lossyNetwork(long seed, int blocks) {
    return lossyNetwork(seed, blocks, 0.2);
  }

  /** Three validators and two plain nodes, 50-500 ms links losing {@code loss} of the frames, until {@code blocks} are mined and all agree. */
  Outcome lossyNetwork(long seed, int blocks, double loss) {
    try (SimCluster c = new SimCluster(seed)) {
      c.network.latency(50, 500).loss(loss);
      List<SimNode> all = List.of(c.validator(0), c.validator(1), c.validator(2), c.plain("p1"), c.plain("p2"));
      c.start(all.toArray(SimNode[]::new));
      List<Hash> txs = new ArrayList<>();
      long nonce = 0;
      while (c.maxHeight() < blocks) {
        c.runFor(Duration.ofSeconds(3));
        if (c.scheduler.now() - SimCluster.T0 > blocks * 5_000L) {
          throw new AssertionError("no progress: heights " + all.stream().map(SimNode::height).toList());
        }
        Transaction tx = c.transfer(c.alice, nonce++, 10, 2);
        SimNode to = all.get((int) (nonce % 3));
        AddResult r = to.node().submit(tx);
        assertThat(r.isRejected()).as("%s", r).isFalse();
        txs.add(r.hash());
      }
      settle(c, all, Duration.ofSeconds(300));
      long height = converged(all);
      assertThat(height).isGreaterThanOrEqualTo(blocks);
      for (SimNode n : all) {
        assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCED);
      }
      // the transactions went to validators: all but the last few are mined, and every node agrees
      long confirmed = txs.stream().filter(h -> all.get(3).node().transaction(h)
          .map(t -> t.status() == TransactionInfo.Status.CONFIRMED).orElse(false)).count();
      assertThat(confirmed).isGreaterThan(txs.size() - 10L);
      assertThat(c.scheduler.failures()).isEmpty();
      assertThat(c.network.framesLost()).isPositive();
      return new Outcome(all.get(0).node().head().hash(), height, all.get(0).node().head().block().header().stateRoot(),
          c.scheduler.executed(), c.network.framesSent(), c.network.framesLost());
    }
  }

  @Test
  void threeMinersAndTwoPlainNodesAgreeAfter200BlocksWith20PercentLossAnd50To500msLatency() {
    Outcome o = lossyNetwork(42, 200);
    assertThat(o.height()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void validatorsEachOnTheirOwnFirstBlockDoNotStallWhenTheLeadersBlockIsLost() {
    // seed 103 loses the in-turn block 1 and the first sync answers: every validator sits on its
    // own block 1, which it may not extend (recents); retrying lost claims gets them onto block 1
    // of the leader
    assertThat(lossyNetwork(103, 60).height()).isGreaterThanOrEqualTo(60);
  }

  @Test
  void aRunIsDeterministicFromItsSeed() {
    Outcome first = lossyNetwork(7, 25);
    Outcome again = lossyNetwork(7, 25);
    assertThat(again).isEqualTo(first);
    Outcome other = lossyNetwork(8, 25);
    assertThat(other.framesLost()).isNotEqualTo(first.framesLost());
  }

  @Test
  void syncRecoversWhenSeveralGetBlocksRoundsInARowAreLost() {
    // seed 8 loses validator m2's GBL rounds (the request or the answer) to m1, p1, m0 and p2 in a row
    // from #6; while a lost request cost a 30 s claim back-off, doubling, m2 sat at #6 and, with m1
    // missing block 14 and m0 its miner (recents), the chain stood at #14 past 125 s. A request that
    // was not answered is now retried after the 10 s request timeout.
    assertThat(lossyNetwork(8, 25).height()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void aBlockWhoseAnnouncementsAreAllLostReachesItsPeersOnceTheChainIdles() {
    // a node that lost every announcement of the newest block learned of it only from a later block:
    // an unchanged head is now announced again after 20 s, to every peer.
    // Seed 144: with the miners paused at the end, one node never learned the last head, so the
    // nodes did not agree within 300 s.
    assertThat(lossyNetwork(144, 25).height()).isGreaterThanOrEqualTo(25);
    // Seed 93 at 25 % loss: m1 mines #11 and every announcement of it to m2 is lost, while m0 (at
    // #7) loses its sync rounds; m1 may not mine #12 (recents) and nothing else would tell m2 or m0
    // of #11, so the chain stood at #11.
    assertThat(lossyNetwork(93, 25, 0.25).height()).isGreaterThanOrEqualTo(25);
  }

  /**
   * The devnet's timing (interval 1 s, leader_timeout 3 s) on links that take 2.5 s, as a full
   * block's trip through a loaded machine does: each head reaches the validators 2.5 s after its
   * timestamp and the leader's next block 2.5 s after that, past the rank-1 backup's time in the
   * rule (4 s after the head's timestamp). A backup sealing at the rule's time sealed a competing
   * block at every height, and every node reorganised; waiting its leader_timeout after it saw the
   * head, it sees the leader's block first and seals nothing that does not stay.
   */
  @Test
  void whenBlocksArriveLateTheBackupsWaitForTheLeaderInsteadOfSealingCompetingBlocks() {
    String genesis = SimCluster.genesisText("").replace("\"leader_timeout\": 1,", "\"leader_timeout\": 3,");
    assertThat(genesis).contains("\"leader_timeout\": 3,");
    try (SimCluster c = new SimCluster(21, GenesisParser.parse(genesis))) {
      c.network.latency(2_500, 2_500);
      List<SimNode> validators = List.of(c.validator(0), c.validator(1), c.validator(2));
      c.start(validators.toArray(SimNode[]::new));
      // until they are connected (each handshake takes round trips of 5 s) each seals alone
      assertThat(c.runUntil(() -> c.maxHeight() >= 5 && SimCluster.sameHead(validators), Duration.ofSeconds(300))).isTrue();
      long startHeight = validators.get(0).height();
      long startSealed = validators.stream().mapToLong(n -> n.miner().sealed()).sum();
      assertThat(c.runUntil(() -> c.maxHeight() >= startHeight + 30, Duration.ofSeconds(600))).isTrue();
      settle(c, validators, Duration.ofSeconds(120));
      long height = converged(validators);
      long sealed = validators.stream().mapToLong(n -> n.miner().sealed()).sum() - startSealed;
      assertThat(sealed).as("blocks sealed by the three validators from #%d to #%d", startHeight, height).isEqualTo(height - startHeight);
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void whenTheLeaderIsKilledTheBackupsCarryOn() {
    leaderKilled(11);
  }

  void leaderKilled(long seed) {
    try (SimCluster c = new SimCluster(seed)) {
      c.network.latency(50, 500);
      List<SimNode> all = new ArrayList<>(List.of(c.validator(0), c.validator(1), c.validator(2), c.plain("p1"), c.plain("p2")));
      c.start(all.toArray(SimNode[]::new));
      assertThat(c.runUntil(() -> c.maxHeight() >= 20 && SimCluster.sameHead(all), Duration.ofSeconds(120))).isTrue();
      var params = c.genesis.params();
      var leader = Ranks.leader(params, all.get(0).node().head().block().header());
      SimNode victim = all.stream().filter(n -> n.node().validatorAddress().map(leader::equals).orElse(false)).findFirst().orElseThrow();
      long killedAt = victim.height();
      victim.net().stop();
      victim.miner().pause(true);
      c.runFor(Duration.ofMillis(1));
      victim.transport().kill();
      all.remove(victim);
      assertThat(c.runUntil(() -> all.stream().allMatch(n -> n.height() >= killedAt + 20), Duration.ofSeconds(120))).isTrue();
      settle(c, all, Duration.ofSeconds(60));
      long height = converged(all);
      assertThat(height).isGreaterThanOrEqualTo(killedAt + 20);
      for (long h = killedAt + 1; h <= height; h++) {
        assertThat(all.get(0).node().block(h).orElseThrow().block().header().miner()).isNotEqualTo(leader);
      }
      assertThat(c.scheduler.failures()).isEmpty();
      victim.node().close();
    }
  }

  @Test
  void aTwoThreePartitionHealsOntoTheHeavierSideAndTheMinorityTransactionsAreMined() {
    partition(23);
  }

  void partition(long seed) {
    try (SimCluster c = new SimCluster(seed)) {
      c.network.latency(50, 300);
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      SimNode p1 = c.plain("p1");
      SimNode p2 = c.plain("p2");
      List<SimNode> all = List.of(m0, m1, m2, p1, p2);
      List<SimNode> minority = List.of(m0, p1);
      List<SimNode> majority = List.of(m1, m2, p2);
      c.start(all.toArray(SimNode[]::new));
      assertThat(c.runUntil(() -> c.maxHeight() >= 10 && SimCluster.sameHead(all), Duration.ofSeconds(120))).isTrue();
      long forkAt = m0.height();

      c.network.partition(Set.of("m0", "p1"), Set.of("m1", "m2", "p2"));
      List<Hash> minorityTxs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        AddResult r = p1.node().submit(c.transfer(c.bob, i, 100 + i, 3));
        assertThat(r.isRejected()).isFalse();
        minorityTxs.add(r.hash());
      }
      assertThat(c.runUntil(() -> majority.stream().allMatch(n -> n.height() >= forkAt + 50), Duration.ofSeconds(200))).isTrue();
      // the minority made at most one block of its own (SPEC 7, recents) and holds the transactions
      assertThat(SimCluster.sameHead(List.of(m0, m1))).isFalse();
      assertThat(m0.height()).isLessThanOrEqualTo(forkAt + 1);
      assertThat(minorityTxs).allSatisfy(h -> assertThat(m0.node().transaction(h)).isPresent());
      assertThat(majority.get(0).node().transaction(minorityTxs.get(0))).isEmpty();

      c.network.heal();
      assertThat(c.runUntil(() -> SimCluster.sameHead(all)
          && minorityTxs.stream().allMatch(h -> m1.node().transaction(h).map(t -> t.status() == TransactionInfo.Status.CONFIRMED).orElse(false)),
          Duration.ofSeconds(300))).isTrue();
      settle(c, all, Duration.ofSeconds(60));
      long height = converged(all);
      assertThat(height).isGreaterThanOrEqualTo(forkAt + 50);
      for (SimNode n : all) {
        for (Hash h : minorityTxs) {
          assertThat(n.node().transaction(h)).get().extracting(TransactionInfo::status).isEqualTo(TransactionInfo.Status.CONFIRMED);
        }
        assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCED);
      }
      assertThat(minority.get(0).node().reorgRefused()).isFalse();
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void aNodeThatJoinsLateSyncsAThousandBlocksFromScratch() {
    try (SimCluster c = new SimCluster(5)) {
      c.network.latency(20, 80);
      List<SimNode> miners = List.of(c.validator(0), c.validator(1), c.validator(2));
      c.start(miners.toArray(SimNode[]::new));
      assertThat(c.runUntil(() -> c.maxHeight() >= 1000, Duration.ofSeconds(3000))).isTrue();
      SimNode late = c.plain("late");
      c.start(late);
      assertThat(c.runUntil(() -> late.net().syncState() == SyncState.SYNCING, Duration.ofSeconds(30))).isTrue();
      assertThat(c.runUntil(() -> late.height() >= 1000 && late.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(300))).isTrue();
      List<SimNode> all = new ArrayList<>(miners);
      all.add(late);
      settle(c, all, Duration.ofSeconds(30));
      assertThat(converged(all)).isGreaterThanOrEqualTo(1000);
      assertThat(late.net().isReady(1)).isTrue();
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }
}
