package io.ccoin.net.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.internal.chain.ChainFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The locator's shape (SPEC 9): head, back 1, 2, 4, 8, ... and always genesis. */
class LocatorTest {
  static ChainFixture fx;
  static Chain chain;
  static List<StoredBlock> canonical;
  static List<StoredBlock> side;

  @BeforeAll
  static void build() {
    fx = new ChainFixture();
    chain = fx.newChain();
    canonical = fx.inTurnChain(fx.genesisBlock(), 100);
    // a lighter side branch of backups from block 90
    side = new ArrayList<>();
    StoredBlock p = canonical.get(89);
    for (int i = 0; i < 3; i++) {
      p = fx.next(p, fx.minerOfRank(p, 1), List.of());
      side.add(p);
    }
    fx.clockAt(side.get(2).block());
    fx.clockAt(canonical.get(99).block());
    canonical.forEach(b -> chain.importBlock(b.block()));
    side.forEach(b -> chain.importBlock(b.block()));
  }

  static List<Long> heights(List<Hash> locator) {
    return locator.stream().map(h -> chain.block(h).orElseThrow().number()).toList();
  }

  @Test
  void theHeadThenExponentialStepsThenGenesis() {
    assertThat(chain.head().number()).isEqualTo(100);
    List<Hash> locator = Locator.ofHead(chain);
    assertThat(heights(locator)).containsExactly(100L, 99L, 98L, 96L, 92L, 84L, 68L, 36L, 0L);
    assertThat(locator.get(0)).isEqualTo(chain.head().hash());
    assertThat(locator.get(locator.size() - 1)).isEqualTo(fx.genesis.hash());
    assertThat(locator).allSatisfy(h -> assertThat(chain.isCanonical(h, chain.block(h).orElseThrow().number())).isTrue());
  }

  @Test
  void smallChains() {
    assertThat(heights(Locator.of(chain, fx.genesisBlock()))).containsExactly(0L);
    assertThat(heights(Locator.of(chain, canonical.get(0)))).containsExactly(1L, 0L);
    assertThat(heights(Locator.of(chain, canonical.get(2)))).containsExactly(3L, 2L, 1L, 0L);
    assertThat(heights(Locator.of(chain, canonical.get(4)))).containsExactly(5L, 4L, 3L, 1L, 0L);
  }

  @Test
  void aSideBranchTipFollowsItsOwnAncestorsDownToTheCanonicalChain() {
    List<Hash> locator = Locator.of(chain, side.get(2));
    assertThat(heights(locator)).containsExactly(93L, 92L, 91L, 89L, 85L, 77L, 61L, 29L, 0L);
    assertThat(locator.subList(0, 3)).containsExactly(side.get(2).hash(), side.get(1).hash(), side.get(0).hash());
    assertThat(locator.get(3)).isEqualTo(canonical.get(88).hash());
    // the responder's fork point is the first hash it has on its canonical chain
    assertThat(Locator.forkPoint(chain, locator)).get().extracting(StoredBlock::number).isEqualTo(89L);
  }

  @Test
  void theServerAnswersAfterTheForkPointWithinCountAndBytes() {
    List<Hash> locator = Locator.of(chain, side.get(2));
    assertThat(BlockServer.collect(chain, locator, 512, Long.MAX_VALUE)).extracting(b -> b.number())
        .containsExactly(90L, 91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L, 100L);
    assertThat(BlockServer.collect(chain, locator, 3, Long.MAX_VALUE)).hasSize(3);
    int oneBlock = io.ccoin.core.codec.Codec.encode(canonical.get(89).block()).length;
    assertThat(BlockServer.collect(chain, locator, 512, oneBlock * 2L + 1)).hasSize(2);
    assertThat(BlockServer.collect(chain, List.of(Hash.ZERO), 512, Long.MAX_VALUE)).isEmpty();
  }
}
