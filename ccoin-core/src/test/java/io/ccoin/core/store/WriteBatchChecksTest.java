package io.ccoin.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The checks read each stored block they need once, however many entries of the batch name it. */
class WriteBatchChecksTest {
  private final TestBlocks blocks = new TestBlocks(3);

  @Test
  void aStoredBlockNamedByManyTransactionsIsReadOnce() {
    StoredBlock stored = blocks.child(blocks.genesis(), 200, 2);
    WriteBatch.Builder b = WriteBatch.builder().setCanonical(stored.number(), stored.hash()).setHead(stored.hash());
    for (int i = 0; i < 200; i++) {
      b.putTransaction(TestBlocks.txHash(stored.block().transactions().get(i)), new TxLocation(stored.hash(), stored.number(), i));
    }
    AtomicInteger reads = new AtomicInteger();
    WriteBatchChecks.check(b.build(), h -> {
      reads.incrementAndGet();
      return h.equals(stored.hash()) ? Optional.of(stored) : Optional.empty();
    });
    assertThat(reads).hasValue(1);
  }

  @Test
  void aLocationPastTheStoredBlocksTransactionsIsStillRefused() {
    StoredBlock stored = blocks.child(blocks.genesis(), 3, 2);
    Hash tx = blocks.hash();
    WriteBatch batch = WriteBatch.builder().putTransaction(tx, new TxLocation(stored.hash(), stored.number(), 3)).build();
    assertThatThrownBy(() -> WriteBatchChecks.check(batch, h -> Optional.of(stored)))
        .isInstanceOf(StoreException.class).hasMessageContaining("index 3");
  }
}
