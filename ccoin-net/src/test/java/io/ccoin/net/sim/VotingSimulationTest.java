package io.ccoin.net.sim;

import io.ccoin.core.internal.NodeAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Bytes;
import io.ccoin.api.Genesis;
import io.ccoin.api.ImportResult;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.event.AuthoritiesChangedEvent;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.internal.chain.ChainHead;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.pow.ProofOfWork;
import io.ccoin.net.sim.SimCluster.SimNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Authority voting (SPEC 7.1, issue 12) on whole simulated networks in virtual time. */
class VotingSimulationTest {
  static final String VOTING = ", \"epoch\": 1000";

  static boolean allAgreeOnSet(List<SimNode> nodes, boolean contains, Address a) {
    return nodes.stream().allMatch(n -> n.node().authorities().contains(a) == contains);
  }

  /** The canonical blocks of {@code node} above {@code from}, oldest first. */
  static List<StoredBlock> blocksAbove(CcoinNode node, long from) {
    List<StoredBlock> out = new java.util.ArrayList<>();
    for (long n = from + 1; n <= node.head().number(); n++) {
      out.add(node.block(n).orElseThrow());
    }
    return out;
  }

  @Test
  void aStandbyValidatorVotedInByTheMajorityProducesInTurn() {
    try (SimCluster c = new SimCluster(41, VOTING)) {
      c.network.latency(20, 100);
      AccountKey standbyKey = SimKeys.key("standby");
      Address standby = standbyKey.address();
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      SimNode s = c.add("s", standbyKey, true);
      SimNode p = c.plain("p1");
      List<SimNode> all = List.of(m0, m1, m2, s, p);
      List<AuthoritiesChangedEvent> seen = new CopyOnWriteArrayList<>();
      p.node().onAuthoritiesChanged(seen::add);
      c.start(all.toArray(SimNode[]::new));
      assertThat(c.runUntil(() -> c.maxHeight() >= 5 && SimCluster.sameHead(all), Duration.ofSeconds(60))).isTrue();
      assertThat(blocksAbove(p.node(), 0)).noneMatch(b -> b.block().header().miner().equals(standby));

      m0.node().propose(standby, true);
      m1.node().propose(standby, true);
      assertThat(c.runUntil(() -> allAgreeOnSet(all, true, standby), Duration.ofSeconds(60))).isTrue();
      assertThat(seen).singleElement().satisfies(e -> assertThat(e.added()).containsExactly(standby));
      long changedAt = seen.get(0).number();
      assertThat(c.runUntil(() -> blocksAbove(p.node(), changedAt).stream()
          .anyMatch(b -> b.block().header().miner().equals(standby) && p.node().rank(b.hash()).orElse(-1) == 0),
          Duration.ofSeconds(60))).as("the standby mined a block in turn").isTrue();
      SimulationTest.settle(c, all, Duration.ofSeconds(60));
      SimulationTest.converged(all);
      for (SimNode n : all) {
        assertThat(n.node().authorities()).hasSize(4).contains(standby);
      }
      assertThat(m0.node().proposals()).isEmpty();
      assertThat(m1.node().proposals()).isEmpty();
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void aMinerVotedOutStopsProducingAndALaterBlockOfItsIsRefused() {
    try (SimCluster c = new SimCluster(42, VOTING)) {
      c.network.latency(20, 100);
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      SimNode p = c.plain("p1");
      List<SimNode> all = List.of(m0, m1, m2, p);
      c.start(all.toArray(SimNode[]::new));
      assertThat(c.runUntil(() -> c.maxHeight() >= 5 && SimCluster.sameHead(all), Duration.ofSeconds(60))).isTrue();
      Address out = TestKeys.vector(2).address();

      m0.node().propose(out, false);
      m1.node().propose(out, false);
      assertThat(c.runUntil(() -> allAgreeOnSet(all, false, out), Duration.ofSeconds(60))).isTrue();
      long removedAt = p.height();
      assertThat(c.runUntil(() -> p.height() >= removedAt + 20 && SimCluster.sameHead(all), Duration.ofSeconds(120))).isTrue();
      assertThat(blocksAbove(p.node(), removedAt)).allSatisfy(b -> assertThat(b.block().header().miner()).isNotEqualTo(out));
      assertThat(m2.node().head().hash()).as("the removed miner still follows the chain").isEqualTo(p.node().head().hash());

      Block late = forge(p.node(), TestKeys.vector(2), c.scheduler.now());
      ImportResult r = p.node().importBlock(late);
      assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
      assertThat(r.validation().rule()).isEqualTo("authority");
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void aMinerCanVoteItselfOut() {
    try (SimCluster c = new SimCluster(43, VOTING)) {
      c.network.latency(20, 100);
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      List<SimNode> all = List.of(m0, m1, m2);
      c.start(all.toArray(SimNode[]::new));
      assertThat(c.runUntil(() -> c.maxHeight() >= 3 && SimCluster.sameHead(all), Duration.ofSeconds(60))).isTrue();
      Address leaving = TestKeys.vector(2).address();
      m2.node().propose(leaving, false);
      m0.node().propose(leaving, false);
      assertThat(c.runUntil(() -> allAgreeOnSet(all, false, leaving), Duration.ofSeconds(60))).isTrue();
      long removedAt = m0.height();
      assertThat(c.runUntil(() -> m0.height() >= removedAt + 10 && SimCluster.sameHead(all), Duration.ofSeconds(120))).isTrue();
      assertThat(blocksAbove(m0.node(), removedAt)).noneMatch(b -> b.block().header().miner().equals(leaving));
      assertThat(m0.node().authorities()).hasSize(2);
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void halfOfFourMinersCannotPassAVoteAndAThirdVotePassesIt() {
    AccountKey fourth = SimKeys.key("m3");
    Genesis g = GenesisParser.parse("""
        {
          "network_id": 8,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": 50, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["predef", "sim"], "leader_timeout": 1,
                           "min_gap": 0.1, "max_drift": 0.4, "epoch": 1000},
          "genesis_block": {"coinbase": "", "difficulty": 1}
        }
        """.formatted(SimCluster.T0, TestKeys.vector(0).address(), TestKeys.vector(1).address(), TestKeys.vector(2).address(),
        fourth.address()));
    try (SimCluster c = new SimCluster(44, g)) {
      c.network.latency(20, 100);
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      SimNode m3 = c.add("m3", fourth, true);
      List<SimNode> all = List.of(m0, m1, m2, m3);
      c.start(all.toArray(SimNode[]::new));
      Address candidate = SimKeys.key("candidate").address();
      m0.node().propose(candidate, true);
      m1.node().propose(candidate, true);
      assertThat(c.runUntil(() -> m3.node().tally().size() == 2, Duration.ofSeconds(60))).as("both votes cast").isTrue();
      long bothCastAt = m3.height();
      assertThat(c.runUntil(() -> m3.height() >= bothCastAt + 20, Duration.ofSeconds(120))).isTrue();
      assertThat(all).allSatisfy(n -> assertThat(n.node().authorities()).hasSize(4).doesNotContain(candidate));
      assertThat(m3.node().tally()).hasSize(2);

      m2.node().propose(candidate, true);
      assertThat(c.runUntil(() -> allAgreeOnSet(all, true, candidate), Duration.ofSeconds(60))).isTrue();
      assertThat(m3.node().tally()).isEmpty();
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void twoBranchesWithDifferentSetsReorgOntoTheHeavierOneAndItsSet() {
    try (SimCluster c = new SimCluster(45, VOTING)) {
      c.network.latency(20, 100);
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      List<SimNode> all = List.of(m0, m1, m2);
      List<AuthoritiesChangedEvent> seenByM0 = new CopyOnWriteArrayList<>();
      m0.node().onAuthoritiesChanged(seenByM0::add);
      c.start(all.toArray(SimNode[]::new));
      Address x = SimKeys.key("candidate").address();
      Address m0Address = TestKeys.vector(0).address();
      // m1's vote for x is pending everywhere, then m1 stops proposing it
      m1.node().propose(x, true);
      assertThat(c.runUntil(() -> all.stream().allMatch(n -> n.node().tally().size() == 1) && SimCluster.sameHead(all)
          && !m0.node().head().block().header().miner().equals(m0Address), Duration.ofSeconds(60))).isTrue();
      m1.node().withdraw(x);
      long forkAt = m0.height();

      // alone, m0 casts the second vote: on its branch x joins the set
      c.network.partition(java.util.Set.of("m0"), java.util.Set.of("m1", "m2"));
      m0.node().propose(x, true);
      assertThat(c.runUntil(() -> m0.node().authorities().contains(x), Duration.ofSeconds(60))).isTrue();
      assertThat(c.runUntil(() -> m1.height() >= forkAt + 10, Duration.ofSeconds(60))).isTrue();
      assertThat(m1.node().authorities()).doesNotContain(x);
      assertThat(seenByM0).singleElement().satisfies(e -> assertThat(e.added()).containsExactly(x));

      // healed, m0 reorganises onto the heavier branch and its set
      c.network.heal();
      assertThat(c.runUntil(() -> SimCluster.sameHead(all), Duration.ofSeconds(120))).isTrue();
      assertThat(m0.node().authorities()).doesNotContain(x).isEqualTo(m1.node().authorities());
      assertThat(seenByM0).hasSize(2);
      assertThat(seenByM0.get(1).removed()).containsExactly(x);
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  @Test
  void aCheckpointForgetsAVoteThatDidNotPassAndTheProposerCastsItAgain() {
    try (SimCluster c = new SimCluster(46, ", \"epoch\": 6")) {
      c.network.latency(20, 100);
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      List<SimNode> all = List.of(m0, m1, m2);
      c.start(all.toArray(SimNode[]::new));
      Address x = SimKeys.key("candidate").address();
      Address m0Address = TestKeys.vector(0).address();
      m0.node().propose(x, true);
      assertThat(c.runUntil(() -> m1.height() >= 20, Duration.ofSeconds(120))).isTrue();
      CcoinNode n = m1.node();
      int forgotten = 0;
      int castAgain = 0;
      for (long cp = 6; cp + 6 <= n.head().number(); cp += 6) {
        StoredBlock checkpoint = n.block(cp).orElseThrow();
        assertThat(checkpoint.block().header().vote()).as("checkpoint #%d carries no vote", cp).isEmpty();
        assertThat(NodeAccess.chain(n).votingAfter(checkpoint).tally()).as("tally after checkpoint #%d", cp).isEmpty();
        if (!NodeAccess.chain(n).votingAfter(n.block(cp - 1).orElseThrow()).tally().isEmpty()) {
          forgotten++;
        }
        boolean again = false;
        for (long k = cp + 1; k < cp + 6; k++) {
          again |= n.block(k).orElseThrow().block().header().miner().equals(m0Address)
              && n.block(k).orElseThrow().block().header().vote().isPresent();
        }
        castAgain += again ? 1 : 0;
      }
      assertThat(forgotten).as("checkpoints that forgot m0's pending vote").isPositive();
      assertThat(castAgain).as("epochs in which m0 cast its vote again").isPositive();
      assertThat(all).allSatisfy(s -> assertThat(s.node().authorities()).hasSize(3).doesNotContain(x));
      assertThat(m0.node().proposals()).containsExactly(new io.ccoin.api.Vote(x, true));
      assertThat(c.scheduler.failures()).isEmpty();
    }
  }

  /** A block by {@code key} on top of {@code node}'s head at {@code now}, valid but for who mined it. */
  static Block forge(CcoinNode node, AccountKey key, long now) {
    ChainHead head = NodeAccess.chain(node).head();
    BlockAssembler.Assembled a = new BlockAssembler(NodeAccess.chain(node).txVerifier())
        .assemble(head.stored(), head.state(), key.address(), Math.max(now, head.block().header().timestamp() + 5_000), List.of(),
            Bytes.of((byte) 1), Optional.empty());
    var h = a.header().withPowNonce(new ProofOfWork(a.header()).smallestNonce());
    return new Block(new SealedHeader(h, key.publicKey(), key.sign(Hashes.blockSigningMessage(Hashes.powHash(h)))), a.transactions());
  }
}
