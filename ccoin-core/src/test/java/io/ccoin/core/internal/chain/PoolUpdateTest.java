package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.internal.NodeAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node's pool follows its head (issue 16): a block extending the head re-checks its own senders
 * (its transactions leave as included), and a reorganisation re-checks every sender, also those
 * absent from the new head block.
 */
class PoolUpdateTest {
  @Test
  void anIncludedTransactionLeavesAsIncludedAndAReorgRechecksSendersOutsideTheNewHeadBlock() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Transaction alice0 = f.transfer(f.alice, 0, f.bob.address(), 42, 3);
    Transaction bobPending = f.transfer(f.bob, 0, f.alice.address(), 500, 3);
    Transaction bobSpends = f.transfer(f.bob, 0, f.alice.address(), 900, 3);
    StoredBlock a1 = f.next(g, f.minerOfRank(g, 0), List.of(alice0));       // weight 2
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 1), List.of(bobSpends));    // weight 1: a side branch
    StoredBlock b2 = f.next(b1, f.minerOfRank(b1, 0), List.of(alice0));     // weight 3 with b1: a reorg
    try (CcoinNode node = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).build()) {
      List<TxDroppedEvent> dropped = new ArrayList<>();
      node.onTxDropped(dropped::add);
      assertThat(node.submitAll(List.of(alice0, bobPending))).allSatisfy(r -> assertThat(r.isRejected()).isFalse());

      f.clockAt(a1.block());
      assertThat(node.importBlock(a1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason)
          .containsExactly(tuple(Hashes.txHash(alice0), Reason.INCLUDED));
      assertThat(node.transaction(Hashes.txHash(alice0)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.CONFIRMED);
      assertThat(NodeAccess.pool(node).contains(Hashes.txHash(bobPending))).isTrue();

      f.clockAt(b1.block());
      assertThat(node.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(node.head().hash()).as("b1 alone is lighter").isEqualTo(a1.hash());
      f.clockAt(b2.block());
      assertThat(node.importBlock(b2.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(node.head().hash()).isEqualTo(b2.hash());

      // Bob is not in b2, but b1 used his nonce: the reorg's update must re-check him.
      assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactly(
          tuple(Hashes.txHash(alice0), Reason.INCLUDED), tuple(Hashes.txHash(bobPending), Reason.NONCE_USED));
      assertThat(NodeAccess.pool(node).size()).isZero();
      assertThat(node.transaction(Hashes.txHash(bobPending)).orElseThrow().dropReason()).contains(Reason.NONCE_USED);
    }
  }
}
