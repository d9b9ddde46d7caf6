package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.ImportResult;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.codec.Codec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 4, on the MapDB store: a block record damaged on disk (one byte flipped) does
 * not stop the store from opening (only the head is checked then), reading it throws a
 * {@link StoreException} naming the file, and the chain over the store records that as its store
 * failure naming the block, while every other block still reads.
 */
class DamagedBlockRecordTest {
  final ChainFixture f = new ChainFixture();
  final List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 5);
  Path dir;

  @AfterEach
  void delete() throws IOException {
    TestFiles.deleteRecursively(dir);
  }

  @Test
  void aDamagedBlockRecordIsAStoreFailureNamingTheBlockAndTheRestStillReads() throws IOException {
    dir = Files.createTempDirectory("ccoin-mapdb-damaged");
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      Chain chain = f.newChain(store, ChainConfig.DEFAULT);
      for (StoredBlock b : blocks.subList(0, 4)) {
        f.clockAt(b.block());
        assertThat(chain.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
    }
    TestFiles.damage(dir.resolve(MapDbChainStore.STORE_FILE), Codec.encode(blocks.get(1).block())); // block #2

    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      assertThatThrownBy(() -> store.block(blocks.get(1).hash())).isInstanceOf(StoreException.class)
          .hasMessageContaining(dir.resolve(MapDbChainStore.STORE_FILE).toString()).hasMessageContaining("is damaged");
      Chain chain = f.newChain(store, ChainConfig.DEFAULT);
      f.clockAt(blocks.get(4).block());
      assertThat(chain.importBlock(blocks.get(4).block()).status()).as("the store still commits").isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(chain.blockAt(3)).map(StoredBlock::hash).contains(blocks.get(2).hash());
      assertThat(chain.storeFailure()).isEmpty();
      assertThatThrownBy(() -> chain.blockAt(2)).isInstanceOf(StoreException.class);
      assertThat(chain.storeFailure()).hasValueSatisfying(r -> assertThat(r)
          .startsWith("reading block #2 " + blocks.get(1).hash() + " failed").contains("is damaged"));
      assertThat(chain.blockAt(1)).map(StoredBlock::hash).contains(blocks.get(0).hash());
      assertThatThrownBy(() -> store.verifyAll()).isInstanceOf(StoreException.class).hasMessageContaining("is damaged");
    }
  }
}
