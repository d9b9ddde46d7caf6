package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

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
  /** Delegates to a memory store; fails every commit once told to, and reads of the {@code damaged} block. */
  static final class FailingStore extends ForwardingChainStore {
    volatile boolean fail;
    volatile Hash damaged;

    @Override
    public java.util.Optional<StoredBlock> block(Hash hash) {
      if (hash.equals(damaged)) {
        throw new StoreException("/data/chain.db is damaged: the block record " + hash + " fails its checksum");
      }
      return super.block(hash);
    }

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
        .hasMessageContaining("importing stopped after a store failure: a commit failed");
    Chain reopened = f.newChain(store, ChainConfig.DEFAULT);
    assertThat(reopened.head().hash()).isEqualTo(head);
    assertThat(reopened.storeFailure()).isEmpty();
    assertThat(reopened.importBlock(blocks.get(1).block()).status()).isEqualTo(io.ccoin.api.ImportResult.Status.IMPORTED);
  }

  @Test
  void aRecordThatCannotBeReadIsAStoreFailureNamingTheBlock() {
    ChainFixture f = new ChainFixture();
    FailingStore store = new FailingStore();
    List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 3);
    Chain writer = f.newChain(store, ChainConfig.DEFAULT);
    for (StoredBlock b : blocks.subList(0, 2)) {
      f.clockAt(b.block());
      writer.importBlock(b.block());
    }
    Chain chain = f.newChain(store, ChainConfig.DEFAULT); // a fresh chain: nothing cached
    store.damaged = blocks.get(0).hash();
    assertThat(chain.blockAt(2)).map(StoredBlock::hash).contains(blocks.get(1).hash());
    assertThat(chain.storeFailure()).isEmpty();
    assertThatThrownBy(() -> chain.blockAt(1)).isInstanceOf(StoreException.class).hasMessageContaining("fails its checksum");
    assertThat(chain.storeFailure()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("reading block #1 " + blocks.get(0).hash() + " failed").contains("fails its checksum"));
    f.clockAt(blocks.get(2).block());
    assertThatThrownBy(() -> chain.importBlock(blocks.get(2).block())).isInstanceOf(StoreException.class)
        .hasMessageContaining("importing stopped after a store failure: reading block #1");
  }
}
