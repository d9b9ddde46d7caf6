package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every published head has a fully hashed state tree, also the genesis head of a new store: the
 * producer and the network copy the head's tree at the same time, and copying a tree with nodes
 * still to hash hashes them, on both threads at once with one hasher. That race once gave a
 * validator's first block a wrong state root (the chaos smoke test's start: its block #1, assembled
 * on genesis while a backup's #1 was imported, failed its own import).
 */
class HeadStateHashedTest {
  final ChainFixture f = new ChainFixture();

  @Test
  void theGenesisHeadOfANewStoreAndEveryLaterHeadAreFullyHashed() {
    Chain chain = f.newChain();
    assertThat(chain.head().number()).isZero();
    assertThat(chain.head().state().size()).isPositive();
    assertThat(chain.head().state().isFullyHashed()).isTrue();

    StoredBlock genesis = f.genesisBlock();
    var block = f.block(genesis, f.leaderOn(genesis), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    f.clockAt(block);
    assertThat(chain.importBlock(block).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().number()).isEqualTo(1);
    assertThat(chain.head().state().isFullyHashed()).isTrue();
  }
}
