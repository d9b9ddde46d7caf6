package io.ccoin.core.internal.chain;

import static io.ccoin.core.internal.chain.VotingFixture.add;
import static io.ccoin.core.internal.chain.VotingFixture.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.PendingVote;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.event.AuthoritiesChangedEvent;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.codec.DecodeException;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SPEC 7.1 in the chain: sets and tallies per block, votes as a consensus rule, checkpoints, reorgs, restarts. */
class VotingChainTest {

  @Test
  void aMajorityAddsAnOutsiderWhoThenMinesInTurn() {
    VotingFixture f = new VotingFixture(100);
    Chain chain = f.newChain();
    List<AuthoritiesChangedEvent> events = new ArrayList<>();
    chain.onAuthoritiesChanged(events::add);
    Address x = f.outsider.address();

    f.mine(chain, f.nextMiner(chain), add(f.outsider));
    assertThat(chain.head().voting().authorities()).doesNotContain(x);
    assertThat(chain.head().voting().tally()).hasSize(1);
    assertThat(events).isEmpty();

    Block passing = f.mine(chain, f.nextMiner(chain), add(f.outsider));
    assertThat(chain.head().voting().authorities()).hasSize(4).contains(x);
    assertThat(chain.head().voting().tally()).isEmpty();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.number()).isEqualTo(passing.number());
      assertThat(e.added()).containsExactly(x);
      assertThat(e.removed()).isEmpty();
      assertThat(e.authorities()).isEqualTo(chain.head().voting().authorities());
    });
    assertThat(chain.contextFor(chain.head().stored()).authorities()).contains(x);

    boolean inTurnBlockByX = false;
    for (int i = 0; i < 8 && !inTurnBlockByX; i++) {
      ChainHead before = chain.head();
      AccountKey k = f.nextMiner(chain);
      f.mine(chain, k, Optional.empty());
      inTurnBlockByX = k == f.outsider && Ranks.rank(before.voting().authorities(), before.block().header(), x) == 0;
    }
    assertThat(inTurnBlockByX).as("the new authority mined a block in turn").isTrue();
    // the recent window follows the set in force: floor(4/2) = 2
    assertThat(chain.contextFor(chain.head().stored()).recentMiners()).hasSize(2);
  }

  @Test
  void aMinerVotedOutIsRefusedFromTheBlockAfterTheOneThatRemovedIt() {
    VotingFixture f = new VotingFixture(100);
    Chain chain = f.newChain();
    AccountKey victim = f.genesisMiners.get(2);
    List<AccountKey> voted = new ArrayList<>();
    for (int i = 0; i < 10 && chain.head().voting().isAuthority(victim.address()); i++) {
      AccountKey k = f.nextMiner(chain);
      boolean votes = k != victim && !voted.contains(k);
      f.mine(chain, k, votes ? remove(victim) : Optional.empty());
      if (votes) {
        voted.add(k);
      }
    }
    assertThat(chain.head().voting().authorities()).hasSize(2).doesNotContain(victim.address());
    assertThat(voted).hasSize(2);

    Hash head = chain.head().hash();
    Block late = f.block(chain, victim, Optional.empty());
    ImportResult r = chain.importBlock(late);
    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("authority");
    assertThat(r.validation().reason()).contains("not in the authority set in force");
    assertThat(chain.head().hash()).isEqualTo(head);
    assertThat(chain.store().block(r.blockHash())).isEmpty();
    // the two that remain keep the chain going
    f.mineEmpty(chain, 4);
    assertThat(chain.head().number()).isEqualTo(late.number() + 3);

    // a block of the removed miner ahead of the clock does not even wait in the future pool
    Block ahead = f.block(chain, victim, Optional.empty());
    Block aheadByMember = f.block(chain, f.nextMiner(chain), Optional.empty());
    f.clock.set(aheadByMember.header().timestamp() - 5_000);
    ImportResult refused = chain.importBlock(ahead);
    assertThat(refused.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(refused.validation().rule()).isEqualTo("authority");
    assertThat(chain.importBlock(aheadByMember).status()).isEqualTo(ImportResult.Status.FUTURE);
    assertThat(chain.futureCount()).isEqualTo(1);
  }

  @Test
  void aMinerMayVoteItselfOutAndItsOwnVotesGoWithIt() {
    VotingFixture f = new VotingFixture(100);
    Chain chain = f.newChain();
    AccountKey self = f.genesisMiners.get(0);
    AccountKey other = f.genesisMiners.get(1);
    f.mine(chain, self, add(f.outsider));
    f.mine(chain, other, remove(self));
    assertThat(chain.head().voting().tally()).containsExactly(
        new PendingVote(self.address(), f.outsider.address(), true), new PendingVote(other.address(), self.address(), false));
    f.mine(chain, self, remove(self));
    assertThat(chain.head().voting().authorities()).hasSize(2).doesNotContain(self.address());
    assertThat(chain.head().voting().tally()).as("votes on the removed miner and votes it cast are gone").isEmpty();
    assertThat(chain.importBlock(f.block(chain, self, Optional.empty())).validation().rule()).isEqualTo("authority");
  }

  @Test
  void aCheckpointForgetsAnUnfinishedVoteAndRefusesAVoteOfItsOwn() {
    VotingFixture f = new VotingFixture(4);
    Chain chain = f.newChain();
    AccountKey first = f.nextMiner(chain);
    f.mine(chain, first, add(f.outsider));
    f.mineEmpty(chain, 2);
    assertThat(chain.head().number()).isEqualTo(3);
    assertThat(chain.head().voting().tally()).hasSize(1);

    AccountKey checkpointMiner = f.nextMiner(chain);
    ImportResult voting = chain.importBlock(f.block(chain, checkpointMiner, add(f.outsider)));
    assertThat(voting.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(voting.validation().rule()).isEqualTo("vote");
    assertThat(voting.validation().reason()).startsWith("vote in checkpoint block 4");
    f.mine(chain, checkpointMiner, Optional.empty());
    assertThat(chain.head().voting().tally()).isEmpty();

    // a second vote would pass together with the forgotten first one; alone it does not
    AccountKey second = f.genesisMiners.stream().filter(k -> k != first && k != checkpointMiner).findFirst().orElseThrow();
    f.mine(chain, second, add(f.outsider));
    assertThat(chain.head().voting().authorities()).doesNotContain(f.outsider.address());
    assertThat(chain.head().voting().tally()).containsExactly(new PendingVote(second.address(), f.outsider.address(), true));
  }

  @Test
  void aReorgBetweenBranchesWithDifferentSetsRecomputesTheSetFromTheForkPoint() {
    VotingFixture f = new VotingFixture(100);
    Chain a = f.newChain();
    Chain b = f.newChain();
    List<AuthoritiesChangedEvent> events = new ArrayList<>();
    a.onAuthoritiesChanged(events::add);
    Address x = f.outsider.address();

    Block common = f.mine(a, f.nextMiner(a), add(f.outsider));
    assertThat(b.importBlock(common).status()).isEqualTo(ImportResult.Status.IMPORTED);
    // branch A: the in-turn leader casts the second vote, which passes
    f.mine(a, f.nextMiner(a), add(f.outsider));
    assertThat(a.head().voting().authorities()).contains(x);
    // branch B: a backup without a vote, then the next in turn: heavier (1 + 2 > 2)
    ChainHead bHead = b.head();
    AccountKey backup = f.genesisMiners.stream()
        .filter(k -> Ranks.rank(bHead.voting().authorities(), bHead.block().header(), k.address()) == 1).findFirst().orElseThrow();
    Block b2 = f.mine(b, backup, Optional.empty());
    Block b3 = f.mine(b, f.nextMiner(b), Optional.empty());
    assertThat(b.head().voting().authorities()).doesNotContain(x);

    assertThat(a.importBlock(b2).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(a.head().voting().authorities()).as("still on branch A").contains(x);
    assertThat(a.importBlock(b3).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(a.head().hash()).isEqualTo(b.head().hash());
    assertThat(a.head().voting()).isEqualTo(b.head().voting());
    assertThat(a.head().voting().tally()).as("the common block's vote is still pending on branch B").hasSize(1);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).added()).containsExactly(x);
    assertThat(events.get(1).removed()).containsExactly(x);
    assertThat(events.get(1).blockHash()).isEqualTo(a.head().hash());

    // the outsider, an authority on branch A only, is refused on branch B
    ImportResult r = a.importBlock(f.block(a, f.outsider, Optional.empty()));
    assertThat(r.validation().rule()).isEqualTo("authority");
  }

  @Test
  void aVersion1NetworkRefusesAVersion2HeaderAndTheReverse() {
    ChainFixture v1 = new ChainFixture();
    Chain v1Chain = v1.newChain();
    Block good = v1.block(v1.genesisBlock(), v1.leaderOn(v1.genesisBlock()), List.of());
    Block asV2 = ChainFixture.seal(withVersion(good.header(), 2), good.transactions(), v1.leaderOn(v1.genesisBlock()));
    v1.clockAt(asV2);
    ImportResult r = v1Chain.importBlock(asV2);
    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("format");
    assertThat(r.validation().reason()).contains("version 2 header on a version 1 network");
    assertThat(v1Chain.importBlock(good).status()).isEqualTo(ImportResult.Status.IMPORTED);

    VotingFixture v2 = new VotingFixture(100);
    Chain v2Chain = v2.newChain();
    AccountKey miner = v2.nextMiner(v2Chain);
    Block good2 = v2.block(v2Chain, miner, Optional.empty());
    Block asV1 = ChainFixture.seal(withVersion(good2.header(), 1), good2.transactions(), miner);
    ImportResult r2 = v2Chain.importBlock(asV1);
    assertThat(r2.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r2.validation().rule()).isEqualTo("format");
    assertThat(r2.validation().reason()).contains("version 1 header on a version 2 network");
    assertThat(v2Chain.importBlock(good2).status()).isEqualTo(ImportResult.Status.IMPORTED);

    // decoding for a network: a header of the other version is a bad encoding
    assertThatThrownBy(() -> Codec.decodeHeader(Codec.encode(asV2.header()), 1)).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> Codec.decodeHeader(Codec.encode(asV1.header()), 2)).isInstanceOf(DecodeException.class);
    assertThat(Codec.decodeHeader(Codec.encode(good2.header()), 2)).isEqualTo(good2.header());
  }

  private static BlockHeader withVersion(BlockHeader h, long version) {
    return new BlockHeader(version, h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(), h.txRoot(), h.stateRoot(),
        h.difficulty(), h.data(), 0);
  }

  /** Counts the blocks read from the store. */
  private static final class CountingStore extends ForwardingChainStore {
    final AtomicInteger blockReads = new AtomicInteger();

    CountingStore(ChainStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<StoredBlock> block(Hash hash) {
      blockReads.incrementAndGet();
      return super.block(hash);
    }
  }

  @Test
  void aChainReopenedOnItsStoreKnowsTheSetAndTallyFromTheLastCheckpoint() {
    long epoch = 4;
    VotingFixture f = new VotingFixture(epoch);
    CountingStore store = new CountingStore(new MemoryChainStore());
    Chain chain = f.newChain(store);
    f.mine(chain, f.nextMiner(chain), add(f.outsider));
    f.mine(chain, f.nextMiner(chain), add(f.outsider));
    assertThat(chain.head().voting().authorities()).contains(f.outsider.address());
    f.mineEmpty(chain, 6);
    f.mine(chain, f.nextMiner(chain), add(f.outsider2));
    assertThat(chain.head().number()).isEqualTo(9);
    StoredBlock checkpoint = chain.blockAt(8).orElseThrow();
    assertThat(store.metadata("authorities/" + checkpoint.hash().toHex())).isPresent();

    int before = store.blockReads.get();
    Chain reopened = f.newChain(store);
    int reads = store.blockReads.get() - before;
    assertThat(reopened.head().hash()).isEqualTo(chain.head().hash());
    assertThat(reopened.head().voting()).isEqualTo(chain.head().voting());
    assertThat(reopened.head().voting().tally()).hasSize(1);
    assertThat(reads).as("blocks read to know the set: from the head back to checkpoint #8").isLessThanOrEqualTo((int) epoch);
    // and it goes on from there
    f.mine(reopened, f.nextMiner(reopened), Optional.empty());
    assertThat(reopened.head().number()).isEqualTo(10);
  }
}
