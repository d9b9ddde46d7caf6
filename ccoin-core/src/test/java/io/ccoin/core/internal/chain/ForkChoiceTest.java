package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.ReorgEvent;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForkChoiceTest {
  final ChainFixture f = new ChainFixture();
  final StoredBlock g = f.genesisBlock();

  Chain importAll(Chain chain, List<StoredBlock> blocks) {
    for (StoredBlock b : blocks) {
      f.clockAt(b.block());
      ImportResult r = chain.importBlock(b.block());
      assertThat(r.status()).as(r.toString()).isIn(ImportResult.Status.IMPORTED, ImportResult.Status.ALREADY_KNOWN);
    }
    return chain;
  }

  @Test
  void heavierBranchWinsInEitherOrder() {
    StoredBlock a1 = f.next(g, f.minerOfRank(g, 0), List.of());            // weight 2
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 1), List.of());            // weight 1
    StoredBlock b2 = f.next(b1, f.leaderOn(b1), List.of());                // weight 1 + 2 = 3
    assertThat(b2.totalWeight()).isEqualTo(3);
    assertThat(importAll(f.newChain(), List.of(a1, b1, b2)).head().hash()).isEqualTo(b2.hash());
    assertThat(importAll(f.newChain(), List.of(b1, b2, a1)).head().hash()).isEqualTo(b2.hash());
  }

  @Test
  void equalWeightLowerRankOfFirstBlockWinsInEitherOrder() {
    StoredBlock a1 = f.next(g, f.minerOfRank(g, 0), List.of());            // rank 0, weight 2
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 1), List.of());            // rank 1, weight 1
    StoredBlock b2 = f.next(b1, f.minerOfRank(b1, 1), List.of());          // rank 1, weight 1 -> 2
    assertThat(b2.totalWeight()).isEqualTo(a1.totalWeight());
    assertThat(importAll(f.newChain(), List.of(a1, b1, b2)).head().hash()).isEqualTo(a1.hash());
    assertThat(importAll(f.newChain(), List.of(b1, b2, a1)).head().hash()).isEqualTo(a1.hash());
  }

  @Test
  void equalWeightSameMinerHeadSeenFirstStays() {
    AccountKey leader = f.leaderOn(g);
    StoredBlock x = f.next(g, leader, List.of());
    Block other = blockWithData(g, leader, Bytes.of((byte) 7));
    StoredBlock y = f.remember(other);
    assertThat(y.hash()).isNotEqualTo(x.hash());
    assertThat(importAll(f.newChain(), List.of(x, y)).head().hash()).isEqualTo(x.hash());
    assertThat(importAll(f.newChain(), List.of(y, x)).head().hash()).isEqualTo(y.hash());
  }

  Block blockWithData(StoredBlock parent, AccountKey miner, Bytes data) {
    TxVerifier v = new TxVerifier(f.genesis.genesis().params(), f.genesis.hash(), 100);
    long ts = parent.block().header().timestamp() + ChainFixture.INTERVAL;
    var a = new BlockAssembler(v).assemble(parent, f.state(parent.hash()), miner.address(), ts, List.of(), data);
    return ChainFixture.seal(a.header(), a.transactions(), miner);
  }

  @Test
  void equivocatingMinersSecondBlockIsLoggedNotRelayedAndCanonicalOnlyInAHeavierChain() {
    AccountKey leader = f.leaderOn(g);
    StoredBlock first = f.next(g, leader, List.of());
    StoredBlock second = f.remember(blockWithData(g, leader, Bytes.of((byte) 9)));
    Chain chain = importAll(f.newChain(), List.of(first, second));
    assertThat(chain.head().hash()).isEqualTo(first.hash());
    assertThat(chain.isRelayable(first.hash())).isTrue();
    assertThat(chain.isRelayable(second.hash())).isFalse();
    assertThat(chain.equivocations()).singleElement().satisfies(e -> {
      assertThat(e.firstHash()).isEqualTo(first.hash());
      assertThat(e.secondHash()).isEqualTo(second.hash());
      assertThat(e.first().miner()).isEqualTo(e.second().miner());
    });
    StoredBlock child = f.next(second, f.leaderOn(second), List.of());
    importAll(chain, List.of(child));
    assertThat(chain.head().hash()).isEqualTo(child.hash());
    assertThat(chain.isCanonical(second.hash(), 1)).isTrue();
  }

  /** A chain of backups (weight 1 each) with transfers from alice, to be out-weighed. */
  List<StoredBlock> lightBranch(StoredBlock from, int length, long tag) {
    List<StoredBlock> out = new ArrayList<>();
    StoredBlock p = from;
    for (int i = 0; i < length; i++) {
      long nonce = f.state(p.hash()).get(f.alice.address()).nonce();
      Transaction tx = f.transfer(f.alice, nonce, f.bob.address(), tag + i, 1);
      p = f.next(p, f.minerOfRank(p, 1), List.of(tx));
      out.add(p);
    }
    return out;
  }

  /** A chain of in-turn blocks (weight 2 each) with other transfers. */
  List<StoredBlock> heavyBranch(StoredBlock from, int length) {
    List<StoredBlock> out = new ArrayList<>();
    StoredBlock p = from;
    for (int i = 0; i < length; i++) {
      Account bob = f.state(p.hash()).get(f.bob.address());
      Transaction tx1 = f.transfer(f.bob, bob.nonce(), f.alice.address(), 3, 1);
      Transaction tx2 = f.transfer(f.alice, f.state(p.hash()).get(f.alice.address()).nonce(), f.miners.get(0).address(), 2, 1);
      p = f.next(p, f.leaderOn(p), List.of(tx1, tx2));
      out.add(p);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void reorgLeavesStateEqualToAFreshReplayOfTheWinningBranch(int depth) {
    List<StoredBlock> base = f.inTurnChain(g, 3);
    StoredBlock fork = base.get(base.size() - 1);
    List<StoredBlock> light = lightBranch(fork, depth, 1000);
    List<StoredBlock> heavy = heavyBranch(fork, depth);
    Chain chain = importAll(f.newChain(), base);
    importAll(chain, light);
    assertThat(chain.head().hash()).isEqualTo(light.get(depth - 1).hash());
    List<ReorgEvent> reorgs = new ArrayList<>();
    chain.onReorg(reorgs::add);
    importAll(chain, heavy);
    StoredBlock tip = heavy.get(depth - 1);
    assertThat(chain.head().hash()).isEqualTo(tip.hash());
    assertThat(reorgs).hasSize(1);
    assertThat(reorgs.get(0).dropped()).hasSize(depth);
    assertThat(reorgs.get(0).commonAncestor()).isEqualTo(fork.hash());
    assertStateIsReplayOf(chain, tip);
    // every block of the winning branch is indexed canonically, with its transactions
    for (StoredBlock b : heavy) {
      assertThat(chain.isCanonical(b.hash(), b.number())).isTrue();
      assertThat(chain.store().transaction(io.ccoin.core.Hashes.txHash(b.block().transactions().get(0))))
          .hasValueSatisfying(loc -> assertThat(loc.blockHash()).isEqualTo(b.hash()));
    }
    for (StoredBlock b : light) {
      assertThat(chain.isCanonical(b.hash(), b.number())).isFalse();
      assertThat(chain.store().transaction(io.ccoin.core.Hashes.txHash(b.block().transactions().get(0)))).isEmpty();
    }
  }

  void assertStateIsReplayOf(Chain chain, StoredBlock tip) {
    StateTree replay = f.state(tip.hash());
    assertThat(chain.head().block().header().stateRoot()).isEqualTo(replay.root());
    Map<Address, Account> stored = new HashMap<>();
    chain.store().forEachAccount(stored::put);
    assertThat(StateTree.of(stored).root()).isEqualTo(replay.root());
    Map<Address, Account> expected = new HashMap<>();
    replay.forEach(expected::put);
    assertThat(stored).isEqualTo(expected);
  }

  @Test
  void reorgDeeperThanTheLimitIsRefused() {
    StoredBlock fork = f.inTurnChain(g, 1).get(0);
    List<StoredBlock> light = lightBranch(fork, 8, 5000);
    // the other branch starts light too (stored, not executed) and then turns heavier
    List<StoredBlock> other = new ArrayList<>(lightBranch(fork, 3, 7000));
    other.addAll(heavyBranch(other.get(2), 3));
    Chain chain = importAll(f.newChain(new MemoryChainStore(), ChainConfig.DEFAULT.withMaxReorgDepth(5)), List.of(fork));
    importAll(chain, light.subList(0, 4));
    importAll(chain, other.subList(0, 3));
    importAll(chain, light.subList(4, 8));
    Hash lightTip = light.get(7).hash();
    assertThat(chain.head().hash()).isEqualTo(lightTip);
    importAll(chain, other.subList(3, 6));
    assertThat(other.get(5).totalWeight()).isGreaterThan(light.get(7).totalWeight());
    assertThat(chain.reorgRefused()).as("a reorg dropping 8 > 5 blocks").isTrue();
    assertThat(chain.head().hash()).isEqualTo(lightTip);
    assertStateIsReplayOf(chain, light.get(7));
  }

  @Test
  void blocksOnAParentDeeperThanTheLimitAreIgnored() {
    List<StoredBlock> base = f.inTurnChain(g, 8);
    Chain chain = importAll(f.newChain(new MemoryChainStore(), ChainConfig.DEFAULT.withMaxReorgDepth(5)), base);
    StoredBlock old = f.next(base.get(1), f.minerOfRank(base.get(1), 1), List.of());
    f.clockAt(old.block());
    assertThat(chain.importBlock(old.block()).status()).isEqualTo(ImportResult.Status.IGNORED);
    assertThat(chain.store().block(old.hash())).isEmpty();
  }

  @Test
  void orphansWaitForTheirParent() {
    List<StoredBlock> blocks = f.inTurnChain(g, 4);
    Chain chain = f.newChain();
    f.clockAt(blocks.get(3).block());
    assertThat(chain.importBlock(blocks.get(3).block()).status()).isEqualTo(ImportResult.Status.ORPHAN);
    assertThat(chain.importBlock(blocks.get(2).block()).status()).isEqualTo(ImportResult.Status.ORPHAN);
    assertThat(chain.importBlock(blocks.get(1).block()).status()).isEqualTo(ImportResult.Status.ORPHAN);
    assertThat(chain.orphanCount()).isEqualTo(3);
    assertThat(chain.importBlock(blocks.get(0).block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().hash()).isEqualTo(blocks.get(3).hash());
    assertThat(chain.orphanCount()).isZero();
  }

  @Test
  void futureBlocksWaitForTheClock() {
    StoredBlock b1 = f.next(g, f.leaderOn(g), List.of());
    Chain chain = f.newChain();
    long ts = b1.block().header().timestamp();
    long maxDrift = f.genesis.genesis().params().maxDriftMs();
    f.clock.set(ts - maxDrift - 1);
    assertThat(chain.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.FUTURE);
    assertThat(chain.futureCount()).isEqualTo(1);
    assertThat(chain.retryFutureBlocks()).isEmpty();
    f.clock.set(ts - maxDrift);
    assertThat(chain.retryFutureBlocks()).extracting(ImportResult::status).containsExactly(ImportResult.Status.IMPORTED);
    assertThat(chain.head().hash()).isEqualTo(b1.hash());
    // exactly max_drift ahead is imported at once
    StoredBlock b2 = f.next(b1, f.leaderOn(b1), List.of());
    f.clock.set(b2.block().header().timestamp() - maxDrift);
    assertThat(chain.importBlock(b2.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
  }

  @Test
  void blocksFarInTheFutureAreDropped() {
    StoredBlock b1 = f.next(g, f.leaderOn(g), List.of());
    Chain chain = f.newChain();
    f.clock.set(b1.block().header().timestamp() - 60_001);
    assertThat(chain.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.FUTURE);
    assertThat(chain.futureCount()).isZero();
  }
}
