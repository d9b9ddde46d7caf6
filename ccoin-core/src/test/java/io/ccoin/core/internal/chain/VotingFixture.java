package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Vote;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TestKeys;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A version 2 network for chain tests (SPEC 7.1): the three vector keys as genesis authorities,
 * two outsiders with keys of their own, difficulty 1, interval 1 s, leader timeout 0.5 s, and a given
 * epoch. Builds blocks with votes on top of a chain's head at the earliest time their rank allows.
 */
final class VotingFixture {
  static final long T0 = 1_764_000_000_000L;

  final List<AccountKey> genesisMiners = List.of(TestKeys.vector(0), TestKeys.vector(1), TestKeys.vector(2));
  final AccountKey outsider = TestKeys.extra(7);
  final AccountKey outsider2 = TestKeys.extra(8);
  final GenesisBlock genesis;
  final MutableClock clock = new MutableClock(T0);

  VotingFixture(long epoch) {
    genesis = GenesisBlock.build(GenesisParser.parse("""
        {
          "network_id": 9,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": 50, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 4], "leader_timeout": 0.5,
                           "min_gap": 0.1, "max_drift": 0.2, "epoch": %d},
          "genesis_block": {"coinbase": "", "difficulty": 1}
        }
        """.formatted(T0, genesisMiners.get(0).address(), genesisMiners.get(1).address(), genesisMiners.get(2).address(), epoch)));
  }

  Chain newChain() {
    return newChain(new MemoryChainStore());
  }

  Chain newChain(ChainStore store) {
    return new Chain(store, genesis, RuleSet.standard(), ChainConfig.DEFAULT, clock);
  }

  /** Every key of the fixture: the genesis miners and the outsiders. */
  List<AccountKey> allKeys() {
    List<AccountKey> all = new ArrayList<>(genesisMiners);
    all.add(outsider);
    all.add(outsider2);
    return all;
  }

  /**
   * A block by {@code miner} with {@code vote} on top of {@code chain}'s head, stamped at the
   * earliest time its rank allows (rank 0's time when the miner is not in the set), sealed; the
   * clock moves to its timestamp. Not imported.
   */
  Block block(Chain chain, AccountKey miner, Optional<Vote> vote) {
    ChainHead head = chain.head();
    BlockHeader parent = head.block().header();
    int rank = Ranks.rank(head.voting().authorities(), parent, miner.address());
    long ts = Ranks.earliestTimestamp(chain.params(), parent, Math.max(rank, 0), 0);
    BlockAssembler.Assembled a = new BlockAssembler(chain.txVerifier())
        .assemble(head.stored(), head.state(), miner.address(), ts, List.of(), Bytes.of((byte) 7), vote);
    Block b = ChainFixture.seal(a.header(), a.transactions(), miner);
    if (clock.millis() < ts) {
      clock.set(ts);
    }
    return b;
  }

  /** Builds and imports a block, failing unless it is imported. */
  Block mine(Chain chain, AccountKey miner, Optional<Vote> vote) {
    Block b = block(chain, miner, vote);
    ImportResult r = chain.importBlock(b);
    if (r.status() != ImportResult.Status.IMPORTED) {
      throw new AssertionError("block #" + b.number() + " by " + miner.address() + " not imported: " + r);
    }
    return b;
  }

  /** The in-turn leader's key on top of the head, or the lowest-ranked one the recents rule allows. */
  AccountKey nextMiner(Chain chain) {
    ChainHead head = chain.head();
    List<Address> set = head.voting().authorities();
    List<Address> recent = chain.contextFor(head.stored()).recentMiners();
    AccountKey best = null;
    int bestRank = Integer.MAX_VALUE;
    for (AccountKey k : allKeys()) {
      int r = Ranks.rank(set, head.block().header(), k.address());
      if (r >= 0 && r < bestRank && !recent.contains(k.address())) {
        best = k;
        bestRank = r;
      }
    }
    if (best == null) {
      throw new AssertionError("no miner may extend #" + head.number());
    }
    return best;
  }

  /** Mines {@code count} blocks without votes, each by {@link #nextMiner}. */
  void mineEmpty(Chain chain, int count) {
    for (int i = 0; i < count; i++) {
      mine(chain, nextMiner(chain), Optional.empty());
    }
  }

  static Optional<Vote> add(AccountKey k) {
    return Optional.of(new Vote(k.address(), true));
  }

  static Optional<Vote> remove(AccountKey k) {
    return Optional.of(new Vote(k.address(), false));
  }
}
