package io.ccoin.core.internal.chain;

import io.ccoin.core.internal.NodeAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.pool.AddResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 2: a reorganisation that lowers a sender's nonce while the sender fills the
 * pool's 64-nonce window must not drop the highest transaction (SPEC 8: the window applies at
 * admission only). It stays pending, and blocks on the new branch mine it.
 */
class ReorgNonceWindowTest {
  private static final int WINDOW = 64;

  @Test
  void theHighestTransactionOfAFullWindowSurvivesAReorgAndIsMinedLater() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Transaction t0 = f.transfer(f.alice, 0, f.bob.address(), 1, 1);
    StoredBlock a1 = f.next(g, f.minerOfRank(g, 1), List.of(t0));   // weight 1, uses alice's nonce 0
    StoredBlock b1 = f.next(g, f.minerOfRank(g, 0), List.of());     // weight 2, without t0
    try (CcoinNode node = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).build()) {
      List<TxDroppedEvent> events = new CopyOnWriteArrayList<>();
      node.onTxDropped(Runnable::run, events::add);
      f.clockAt(a1.block());
      assertThat(node.importBlock(a1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);

      List<Transaction> window = new ArrayList<>();
      for (long nonce = 1; nonce <= WINDOW; nonce++) { // nonces 1..64 against account nonce 1: the window is full
        Transaction t = f.transfer(f.alice, nonce, f.bob.address(), 1, 1);
        assertThat(node.submit(t).status()).isEqualTo(AddResult.Status.ADDED);
        window.add(t);
      }
      Transaction highest = window.get(WINDOW - 1);
      assertThat(node.submit(f.transfer(f.alice, WINDOW + 1, f.bob.address(), 1, 1)).isRejected()).isTrue();

      f.clockAt(b1.block());
      assertThat(node.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(node.head().hash()).isEqualTo(b1.hash());
      assertThat(node.account(f.alice.address()).nonce()).isZero();

      assertThat(events).as("nothing dropped").noneMatch(e -> e.reason().isDrop());
      assertThat(NodeAccess.pool(node).size()).isEqualTo(WINDOW + 1); // t0 came back, nonce 64 stayed
      assertThat(node.transaction(hash(highest)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.PENDING);
      assertThat(node.pendingNonce(f.alice.address())).isEqualTo(WINDOW + 1);

      StoredBlock head = b1;
      for (int i = 0; i < 5 && NodeAccess.pool(node).size() > 0; i++) { // 65 transactions, 50 per block
        List<Transaction> txs = NodeAccess.pool(node).select(50, Long.MAX_VALUE, node.head()::account);
        head = f.next(head, f.leaderOn(head), txs);
        f.clockAt(head.block());
        assertThat(node.importBlock(head.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
      assertThat(NodeAccess.pool(node).size()).isZero();
      assertThat(node.transaction(hash(highest)).orElseThrow().status()).isEqualTo(TransactionInfo.Status.CONFIRMED);
      assertThat(node.account(f.alice.address()).nonce()).isEqualTo(WINDOW + 1);
      assertThat(events).noneMatch(e -> e.reason().isDrop());
    }
  }

  private static Hash hash(Transaction t) {
    return Hashes.txHash(t);
  }
}
