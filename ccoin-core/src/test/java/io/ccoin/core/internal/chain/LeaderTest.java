package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.crypto.AccountKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderTest {
  final ChainFixture f = new ChainFixture();
  final StoredBlock g = f.genesisBlock();

  ImportResult importAt(Chain chain, Block b) {
    f.clockAt(b);
    return chain.importBlock(b);
  }

  @Test
  void threeMinersTakeTurns() {
    Chain chain = f.newChain();
    List<Address> order = new ArrayList<>();
    for (StoredBlock b : f.inTurnChain(g, 6)) {
      assertThat(importAt(chain, b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      order.add(b.block().header().miner());
    }
    List<Address> sorted = f.genesis.genesis().params().miners();
    assertThat(order).containsExactly(sorted.get(0), sorted.get(1), sorted.get(2), sorted.get(0), sorted.get(1), sorted.get(2));
    assertThat(chain.head().totalWeight()).isEqualTo(12);
  }

  @Test
  void backupBecomesValidExactlyAtIntervalPlusLeaderTimeout() {
    Chain chain = f.newChain();
    AccountKey backup = f.minerOfRank(g, 1);
    long parentTs = g.block().header().timestamp();
    long allowed = parentTs + ChainFixture.INTERVAL + ChainFixture.LEADER_TIMEOUT;
    Block early = f.block(g, backup, List.of(), allowed - 1);
    ImportResult r = importAt(chain, early);
    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("timing");
    Block onTime = f.block(g, backup, List.of(), allowed);
    assertThat(importAt(chain, onTime).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().totalWeight()).isEqualTo(1);

    // the rank-2 backup waits interval + 2 * leader_timeout
    AccountKey second = f.minerOfRank(g, 2);
    assertThat(importAt(f.newChain(), f.block(g, second, List.of(), allowed + ChainFixture.LEADER_TIMEOUT - 1)).status())
        .isEqualTo(ImportResult.Status.INVALID);
  }

  @Test
  void afterASkipTheMinerAfterTheBackupLeadsAgain() {
    Chain chain = f.newChain();
    AccountKey backup = f.minerOfRank(g, 1);
    StoredBlock b1 = f.next(g, backup, List.of());
    assertThat(importAt(chain, b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    List<Address> m = f.genesis.genesis().params().miners();
    Address expectedLeader = m.get((m.indexOf(backup.address()) + 1) % m.size());
    assertThat(Ranks.leader(f.genesis.genesis().params(), b1.block().header())).isEqualTo(expectedLeader);
    StoredBlock b2 = f.next(b1, f.leaderOn(b1), List.of());
    assertThat(b2.block().header().miner()).isEqualTo(expectedLeader);
    assertThat(importAt(chain, b2.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().totalWeight()).isEqualTo(1 + 2);
  }

  @Test
  void inTurnLeaderWithEnoughTransactionsMayMineAfterMinGap() {
    Chain chain = f.newChain();
    AccountKey leader = f.leaderOn(g);
    var txs = List.of(f.transfer(f.alice, 0, f.bob.address(), 1, 1), f.transfer(f.alice, 1, f.bob.address(), 1, 1));
    long ts = g.block().header().timestamp() + f.genesis.genesis().params().minGapMs();
    assertThat(importAt(chain, f.block(g, leader, txs, ts - 1)).validation().rule()).isEqualTo("timing");
    assertThat(importAt(chain, f.block(g, leader, txs, ts)).status()).isEqualTo(ImportResult.Status.IMPORTED);
    // with fewer than min_bound (2) transactions it waits the interval
    StoredBlock p = chain.head().stored();
    f.remember(chain.head().block());
    var one = List.of(f.transfer(f.alice, 2, f.bob.address(), 1, 1));
    long early = p.block().header().timestamp() + ChainFixture.INTERVAL - 1;
    assertThat(importAt(chain, f.block(p, f.leaderOn(p), one, early)).validation().rule()).isEqualTo("timing");
  }

  @Test
  void aMinorityCannotExtendTheChainAloneButAMajorityCan() {
    AccountKey lone = f.miners.get(0);
    Chain chain = f.newChain();
    StoredBlock b1 = f.next(g, lone, List.of());
    assertThat(importAt(chain, b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    ImportResult second = importAt(chain, f.block(b1, lone, List.of()));
    assertThat(second.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(second.validation().rule()).isEqualTo("recents");

    // two of three miners (a majority) keep the chain growing with the third one down
    Chain majority = f.newChain();
    List<AccountKey> up = List.of(f.miners.get(0), f.miners.get(1));
    StoredBlock p = g;
    for (int i = 0; i < 12; i++) {
      StoredBlock parent = p;
      AccountKey next = up.stream()
          .filter(k -> !k.address().equals(parent.block().header().miner()))
          .min((a, b) -> Integer.compare(Ranks.rank(f.genesis.genesis().params(), parent.block().header(), a.address()),
              Ranks.rank(f.genesis.genesis().params(), parent.block().header(), b.address())))
          .orElseThrow();
      p = f.next(parent, next, List.of());
      assertThat(importAt(majority, p.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    }
    assertThat(majority.head().number()).isEqualTo(12);
  }
}
