package io.ccoin.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store that fails a commit (a full disk, an I/O error) stops importing, and says why. */
class StoreFailureTest {
  /** Delegates to a memory store; fails every commit once told to. */
  static final class FailingStore extends ForwardingChainStore {
    volatile boolean fail;

    FailingStore() {
      super(new MemoryChainStore());
    }

    @Override
    public void commit(WriteBatch batch) {
      if (fail) {
        throw new StoreException("/data/chain.db: No space left on device");
      }
      super.commit(batch);
    }
  }

  @Test
  void aFailedCommitStopsImportingWithTheReason() {
    ChainFixture f = new ChainFixture();
    FailingStore store = new FailingStore();
    Chain chain = f.newChain(store, ChainConfig.DEFAULT);
    List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 3);
    f.clockAt(blocks.get(0).block());
    chain.importBlock(blocks.get(0).block());
    Hash head = chain.head().hash();

    store.fail = true;
    f.clockAt(blocks.get(1).block());
    assertThatThrownBy(() -> chain.importBlock(blocks.get(1).block())).isInstanceOf(StoreException.class).hasMessageContaining("No space left");
    assertThat(chain.storeFailure()).hasValueSatisfying(r -> assertThat(r).contains("No space left"));
    assertThat(chain.head().hash()).isEqualTo(head);
    assertThat(store.head()).contains(head);

    store.fail = false; // even once space is back, this chain imports nothing until it is reopened
    assertThatThrownBy(() -> chain.importBlock(blocks.get(1).block())).isInstanceOf(StoreException.class)
        .hasMessageContaining("importing stopped after a failed store commit");
    Chain reopened = f.newChain(store, ChainConfig.DEFAULT);
    assertThat(reopened.head().hash()).isEqualTo(head);
    assertThat(reopened.storeFailure()).isEmpty();
    assertThat(reopened.importBlock(blocks.get(1).block()).status()).isEqualTo(io.ccoin.api.ImportResult.Status.IMPORTED);
  }
}
