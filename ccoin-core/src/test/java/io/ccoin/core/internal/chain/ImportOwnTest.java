package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.Hashes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block this node produced is handed on (to be announced) as soon as its import found it valid on
 * the head and before the store commits it; never when it is not valid, and not early when it does
 * not extend the head.
 */
class ImportOwnTest {
  final ChainFixture f = new ChainFixture();
  final Chain chain = f.newChain();
  final StoredBlock genesis = f.genesisBlock();

  @Test
  void aValidBlockOnTheHeadIsHandedOnBeforeItIsCommitted() {
    Block own = f.block(genesis, f.leaderOn(genesis), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    f.clockAt(own);
    Hash hash = Hashes.blockHash(own.sealedHeader());
    List<Boolean> storedWhenHandedOn = new ArrayList<>();
    List<Long> headWhenHandedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(own, b -> {
      storedWhenHandedOn.add(chain.store().block(hash).isPresent());
      headWhenHandedOn.add(chain.head().number());
    });

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(storedWhenHandedOn).containsExactly(false);
    assertThat(headWhenHandedOn).containsExactly(0L);
    assertThat(chain.head().hash()).isEqualTo(hash);
    assertThat(chain.store().block(hash)).isPresent();
  }

  @Test
  void aBlockThatIsNotValidIsNeverHandedOn() {
    Block honest = f.block(genesis, f.leaderOn(genesis), List.of());
    BlockHeader h = honest.header();
    BlockHeader wrongRoot = new BlockHeader(h.version(), h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(),
        h.txRoot(), Hash.ZERO, h.difficulty(), h.data(), h.vote(), 0);
    Block bad = ChainFixture.seal(wrongRoot, honest.transactions(), f.leaderOn(genesis));
    f.clockAt(bad);
    List<Block> handedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(bad, handedOn::add);

    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("stateRoot");
    assertThat(handedOn).isEmpty();
    assertThat(chain.head().hash()).isEqualTo(genesis.hash());
  }

  @Test
  void aBlockOnALighterSideBranchIsImportedWithoutTheCall() {
    Block leader = f.block(genesis, f.leaderOn(genesis), List.of());
    Block backup = f.block(genesis, f.minerOfRank(genesis, 1), List.of());
    f.clockAt(backup);
    assertThat(chain.importBlock(leader).status()).isEqualTo(ImportResult.Status.IMPORTED);
    List<Block> handedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(backup, handedOn::add);

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(handedOn).isEmpty();
    assertThat(chain.head().hash()).isEqualTo(Hashes.blockHash(leader.sealedHeader()));
  }
}
