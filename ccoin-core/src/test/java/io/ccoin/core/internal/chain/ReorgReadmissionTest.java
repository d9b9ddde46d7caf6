package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.internal.NodeAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Transactions of blocks dropped by a reorg go back to the pool when still valid. */
class ReorgReadmissionTest {
  @Test
  void droppedTransactionsReturnToThePool() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Transaction t = f.transfer(f.alice, 0, f.bob.address(), 42, 3);
    StoredBlock a1 = f.next(g, f.minerOfRank(g, 1), List.of(t));     // weight 1, includes t
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 0), List.of());      // weight 2, without t
    try (CcoinNode node = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).build()) {
      f.clockAt(a1.block());
      assertThat(node.importBlock(a1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(node.transaction(Hashes.txHash(t)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.CONFIRMED);
      assertThat(NodeAccess.pool(node).size()).isZero();
      f.clockAt(b1.block());
      assertThat(node.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(node.head().hash()).isEqualTo(b1.hash());
      assertThat(NodeAccess.pool(node).contains(Hashes.txHash(t))).isTrue();
      assertThat(node.transaction(Hashes.txHash(t)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.PENDING);
    }
  }

  @Test
  void aTransactionIsNeverUnknownWhileAReorgReturnsItToThePool() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Transaction t = f.transfer(f.alice, 0, f.bob.address(), 42, 3);
    StoredBlock a1 = f.next(g, f.minerOfRank(g, 1), List.of(t));     // weight 1, includes t
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 0), List.of());      // weight 2, without t
    try (CcoinNode node = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).build()) {
      assertThat(node.submit(t).isRejected()).isFalse();
      f.clockAt(a1.block());
      assertThat(node.importBlock(a1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      // Reorg listeners run after the new head is published and before the pool takes t back:
      // the window in which t is on no canonical block and in no pool.
      List<Optional<TransactionInfo>> seen = new ArrayList<>();
      node.onReorg(Runnable::run, e -> seen.add(node.transaction(Hashes.txHash(t))));
      f.clockAt(b1.block());
      assertThat(node.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0)).as("during the reorg").get().extracting(TransactionInfo::status)
          .isEqualTo(TransactionInfo.Status.PENDING);
      assertThat(node.transaction(Hashes.txHash(t)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.PENDING);
    }
  }

  @Test
  void aPendingTransactionWhoseNonceAnotherBlockUsedIsReportedDroppedWithItsReason() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Transaction mine = f.transfer(f.alice, 0, f.bob.address(), 42, 3);
    Transaction theirs = f.transfer(f.alice, 0, f.bob.address(), 7, 3);
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 0), List.of(theirs));
    try (CcoinNode node = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).build()) {
      assertThat(node.submit(mine).isRejected()).isFalse();
      f.clockAt(b1.block());
      assertThat(node.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      TransactionInfo info = node.transaction(Hashes.txHash(mine)).orElseThrow();
      assertThat(info.status()).isEqualTo(TransactionInfo.Status.DROPPED);
      assertThat(info.dropReason()).contains(io.ccoin.api.event.TxDroppedEvent.Reason.NONCE_USED);
      assertThat(info.droppedAt()).contains(f.clock.millis());
      assertThat(node.transaction(Hashes.txHash(theirs)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.CONFIRMED);
    }
  }
}
