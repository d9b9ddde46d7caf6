package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The chain keeps its most recent blocks decoded: building on the head reads no block back from the
 * store, and a recent block relayed again is answered at once, without the import lock.
 */
class RecentBlocksTest {
  /** Delegates to a memory store and counts the blocks read back from it. */
  static final class CountingStore extends ForwardingChainStore {
    final AtomicInteger blockReads = new AtomicInteger();

    CountingStore() {
      super(new MemoryChainStore());
    }

    @Override
    public Optional<StoredBlock> block(Hash hash) {
      blockReads.incrementAndGet();
      return super.block(hash);
    }
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

  /** Delegates to a memory store; once armed, the next commit waits until released. */
  static final class BlockingStore extends ForwardingChainStore {
    final CountDownLatch committing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean armed;

    BlockingStore() {
      super(new MemoryChainStore());
    }

    @Override
    public void commit(WriteBatch batch) {
      if (armed) {
        committing.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the commit");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      super.commit(batch);
    }
  }

  @Test
  void aRecentBlockRelayedAgainIsAnsweredWhileAnImportHoldsTheLock() throws Exception {
    ChainFixture f = new ChainFixture();
    BlockingStore store = new BlockingStore();
    Chain chain = f.newChain(store, ChainConfig.DEFAULT);
    List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 2);
    f.clockAt(blocks.get(0).block());
    chain.importBlock(blocks.get(0).block());
    f.clockAt(blocks.get(1).block());
    store.armed = true;
    CompletableFuture<ImportResult> holding = CompletableFuture.supplyAsync(() -> chain.importBlock(blocks.get(1).block()));
    try {
      assertThat(store.committing.await(10, TimeUnit.SECONDS)).as("the second import reached its commit").isTrue();
      CompletableFuture<ImportResult> again = CompletableFuture.supplyAsync(() -> chain.importBlock(blocks.get(0).block()));
      assertThat(again.get(10, TimeUnit.SECONDS).status())
          .as("a known block is answered while another import holds the lock")
          .isEqualTo(ImportResult.Status.ALREADY_KNOWN);
      assertThat(holding).isNotDone();
    } finally {
      store.release.countDown();
    }
    assertThat(holding.get(10, TimeUnit.SECONDS).status()).isEqualTo(ImportResult.Status.IMPORTED);
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
