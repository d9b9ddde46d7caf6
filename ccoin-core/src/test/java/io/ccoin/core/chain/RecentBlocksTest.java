package io.ccoin.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.store.MemoryChainStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The chain keeps its most recent blocks decoded: building on the head reads no block back from the
 * store, and a recent block relayed again is answered at once, without the import lock.
 */
class RecentBlocksTest {
  /** Delegates to a memory store and counts the blocks read back from it. */
  static final class CountingStore implements ChainStore {
    final MemoryChainStore inner = new MemoryChainStore();
    final AtomicInteger blockReads = new AtomicInteger();

    @Override public Optional<StoredBlock> block(Hash hash) {
      blockReads.incrementAndGet();
      return inner.block(hash);
    }
    @Override public Optional<Hash> canonicalHash(long number) { return inner.canonicalHash(number); }
    @Override public Optional<TxLocation> transaction(Hash txHash) { return inner.transaction(txHash); }
    @Override public Optional<Account> account(Address address) { return inner.account(address); }
    @Override public void forEachAccount(BiConsumer<Address, Account> action) { inner.forEachAccount(action); }
    @Override public Optional<BlockUndo> undo(Hash blockHash) { return inner.undo(blockHash); }
    @Override public Optional<Hash> head() { return inner.head(); }
    @Override public Optional<Bytes> metadata(String key) { return inner.metadata(key); }
    @Override public void commit(WriteBatch batch) { inner.commit(batch); }
    @Override public void close() { inner.close(); }
  }

  @Test
  void buildingOnTheHeadAndAskingForRecentBlocksReadsNothingBack() {
    ChainFixture f = new ChainFixture();
    CountingStore store = new CountingStore();
    Chain chain = f.newChain(store, ChainConfig.DEFAULT);
    List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 6);
    for (StoredBlock b : blocks) {
      f.clockAt(b.block());
      assertThat(chain.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    }
    int readsAfterImports = store.blockReads.get();
    for (StoredBlock b : blocks) {
      assertThat(chain.block(b.hash())).contains(b);
      assertThat(chain.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.ALREADY_KNOWN);
    }
    assertThat(store.blockReads.get()).isEqualTo(readsAfterImports);
    // Only the "is it new?" lookups of the imported blocks reach the store (each one missing there).
    assertThat(readsAfterImports).isLessThanOrEqualTo(blocks.size());
  }

  @Test
  void aBlockBeyondTheRecentOnesIsReadFromTheStoreAndStillKnown() {
    ChainFixture f = new ChainFixture();
    CountingStore store = new CountingStore();
    Chain chain = f.newChain(store, ChainConfig.DEFAULT);
    List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), Chain.RECENT_BLOCKS + 4);
    for (StoredBlock b : blocks) {
      f.clockAt(b.block());
      chain.importBlock(b.block());
    }
    int before = store.blockReads.get();
    StoredBlock oldest = blocks.get(0);
    assertThat(chain.importBlock(oldest.block()).status()).isEqualTo(ImportResult.Status.ALREADY_KNOWN);
    assertThat(chain.block(oldest.hash())).contains(oldest);
    assertThat(store.blockReads.get()).isGreaterThan(before);
  }

  @Test
  void aRecentBlockRelayedAgainIsAnsweredWhileAnImportHoldsTheLock() throws Exception {
    ChainFixture f = new ChainFixture();
    Chain chain = f.newChain(new MemoryChainStore(), ChainConfig.DEFAULT);
    StoredBlock b1 = f.inTurnChain(f.genesisBlock(), 1).get(0);
    f.clockAt(b1.block());
    chain.importBlock(b1.block());
    chain.withLock(head -> {
      CompletableFuture<ImportResult> again = CompletableFuture.supplyAsync(() -> chain.importBlock(b1.block()));
      try {
        assertThat(again.get(10, TimeUnit.SECONDS).status()).isEqualTo(ImportResult.Status.ALREADY_KNOWN);
      } catch (Exception e) {
        throw new AssertionError("a known block waited for the import lock", e);
      }
    });
  }

  @Test
  void aFailedCommitLeavesNothingInTheRecentBlocks() {
    ChainFixture f = new ChainFixture();
    StoreFailureTest.FailingStore store = new StoreFailureTest.FailingStore();
    Chain chain = f.newChain(store, ChainConfig.DEFAULT);
    StoredBlock b1 = f.inTurnChain(f.genesisBlock(), 1).get(0);
    f.clockAt(b1.block());
    store.fail = true;
    try {
      chain.importBlock(b1.block());
    } catch (RuntimeException expected) {
      // the store refused the commit
    }
    assertThat(chain.block(b1.hash())).isEmpty();
  }
}
