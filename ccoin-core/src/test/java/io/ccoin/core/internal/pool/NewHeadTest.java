package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.DroppedTx;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.pool.PoolError;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.C;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxAddedEvent;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewHeadTest {
  private final Accounts accounts = Accounts.rich();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), accounts);
  private final List<TxDroppedEvent> dropped = new ArrayList<>();
  private final List<TxAddedEvent> added = new ArrayList<>();

  NewHeadTest() {
    pool.onTxDropped(dropped::add);
    pool.onTxAdded(added::add);
  }

  @Test
  void dropsIncludedAndInvalidatedTransactionsAndReadmits() {
    Transaction a0 = tx(A, 0, 1);
    Transaction a1 = tx(A, 1, 1);
    Transaction a2 = tx(A, 2, 1);
    Transaction b0 = tx(B, 0, 1, 10);
    Transaction c1 = tx(C, 1, 1);
    pool.addAll(List.of(a0, a1, a2, b0, c1));
    assertThat(pool.stats().futureCount()).isEqualTo(1);

    Accounts next = accounts.copy().set(A, 1_000, 2).set(B, 5, 0);
    Transaction c0 = tx(C, 0, 1); // from a block the reorg dropped
    Transaction usedA1 = tx(A, 1, 7); // from a dropped block, its nonce already used on the new chain by a1
    pool.onNewHead(next, List.of(c0, usedA1), Set.of(hash(a0), hash(a1))::contains);

    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactlyInAnyOrder(
        tuple(hash(a0), Reason.INCLUDED), tuple(hash(a1), Reason.INCLUDED), tuple(hash(b0), Reason.UNAFFORDABLE),
        tuple(hash(usedA1), Reason.NONCE_USED));
    assertThat(pool.contains(hash(a2))).isTrue();
    assertThat(pool.contains(hash(c0))).isTrue();
    assertThat(pool.contains(hash(usedA1))).isFalse();
    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.stats().readyCount()).isEqualTo(3); // c1 became ready behind c0
    assertThat(added).extracting(TxAddedEvent::hash).endsWith(hash(c0));
    assertThat(pool.pendingNonce(A.address())).isEqualTo(3);
    assertThat(pool.pendingNonce(C.address())).isEqualTo(2);
    assertThat(pool.dropped(hash(a0))).as("an inclusion is not a drop").isEmpty();
    assertThat(pool.dropped(hash(b0)).map(DroppedTx::reason)).contains(Reason.UNAFFORDABLE);
    assertThat(pool.dropped(hash(usedA1)).map(DroppedTx::reason)).contains(Reason.NONCE_USED);
  }

  @Test
  void aPendingTransactionWhoseNonceAnotherTransactionUsedIsDroppedAsNonceUsed() {
    Transaction mine = tx(A, 0, 1);
    Transaction theirs = tx(A, 0, 5); // the same sender and nonce, mined through another node
    pool.add(mine);
    pool.onNewHead(accounts.copy().set(A, 1_000, 1), List.of(), hash(theirs)::equals);
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactly(tuple(hash(mine), Reason.NONCE_USED));
    assertThat(pool.dropped(hash(mine))).get().extracting(DroppedTx::transaction).isEqualTo(mine);
  }

  @Test
  void theNewStateIsUsedForLaterAdmissions() {
    Accounts next = accounts.copy().set(A, 1_000, 5);
    pool.onNewHead(next, List.of(), h -> false);
    assertThat(pool.add(tx(A, 4, 1)).error()).contains(PoolError.NONCE_TOO_LOW);
    assertThat(pool.add(tx(A, 5, 1)).isRejected()).isFalse();
  }

  /** SPEC 8: the nonce window applies at admission only (issue 17, defect 2). */
  @Test
  void aReorgToAnEarlierNonceKeepsWhatIsNowBeyondTheWindow() {
    TxPool small = new TxPool(PoolFixture.verifier(), accounts.copy().set(A, 1_000, 3), PoolConfig.DEFAULT.withMaxNonceGap(4));
    small.onTxDropped(dropped::add);
    List<Transaction> txs = List.of(tx(A, 3, 1), tx(A, 4, 1), tx(A, 5, 1), tx(A, 6, 1)); // the window is full
    small.addAll(txs);
    assertThat(small.size()).isEqualTo(4);

    Transaction a1 = tx(A, 1, 1);
    Transaction a2 = tx(A, 2, 1);
    small.onNewHead(accounts.copy().set(A, 1_000, 1), List.of(a1, a2), h -> false);

    assertThat(dropped).isEmpty();
    assertThat(small.size()).isEqualTo(6);
    assertThat(small.stats().readyCount()).isEqualTo(6);
    assertThat(small.pendingNonce(A.address())).isEqualTo(7);
    assertThat(small.select(10, Long.MAX_VALUE, accounts.copy().set(A, 1_000, 1))).extracting(Transaction::nonce)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(small.add(tx(A, 7, 1)).error()).as("new admissions still obey the window").contains(PoolError.NONCE_TOO_FAR);
  }

  @Test
  void transactionsAReorgReturnsAreReadmittedBeyondTheWindow() {
    TxPool small = new TxPool(PoolFixture.verifier(), accounts.copy().set(A, 1_000, 0), PoolConfig.DEFAULT.withMaxNonceGap(2));
    List<Transaction> returned = List.of(tx(A, 0, 1), tx(A, 1, 1), tx(A, 2, 1), tx(A, 3, 1));
    small.onNewHead(accounts.copy().set(A, 1_000, 0), returned, h -> false);
    assertThat(small.size()).isEqualTo(4);
    assertThat(small.stats().readyCount()).isEqualTo(4);
  }

  @Test
  void aReturnedTransactionThatCannotReenterIsADropWithItsReason() {
    Transaction pricey = tx(A, 0, 1, 900);
    Transaction next = tx(A, 1, 1, 200);
    pool.onNewHead(accounts.copy().set(A, 1_000, 0), List.of(pricey, next), h -> false);
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactly(tuple(hash(next), Reason.UNAFFORDABLE));
    assertThat(pool.contains(hash(pricey))).isTrue();
    assertThat(pool.dropped(hash(next)).map(DroppedTx::reason)).contains(Reason.UNAFFORDABLE);
  }

  @Test
  void aReturnedTransactionWithoutRoomIsEvictedAndOneFailingAnotherCheckIsInvalid() {
    TxPool small = new TxPool(PoolFixture.verifier(), accounts, PoolConfig.DEFAULT.withMaxCount(1));
    small.onTxDropped(dropped::add);
    Transaction pending = tx(B, 0, 9);
    small.add(pending);
    Transaction noRoom = tx(A, 0, 1); // pays less than what it would have to evict
    Transaction otherChain = TransactionBuilder.forNetwork(PoolFixture.CHAIN_ID + 1, PoolFixture.GENESIS)
        .to(PoolFixture.RECIPIENT).value(1).nonce(0).fee(1).sign(C);
    small.onNewHead(accounts, List.of(noRoom, otherChain), h -> false);
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason)
        .containsExactly(tuple(hash(noRoom), Reason.EVICTED), tuple(hash(otherChain), Reason.INVALID));
    assertThat(small.dropped(hash(noRoom)).map(DroppedTx::reason)).contains(Reason.EVICTED);
    assertThat(small.dropped(hash(otherChain)).map(DroppedTx::reason)).contains(Reason.INVALID);
    assertThat(small.contains(hash(pending))).isTrue();
  }

  @Test
  void aReturnedTransactionTheNewBranchAlsoHoldsIsNoDrop() {
    Transaction a0 = tx(A, 0, 1);
    pool.onNewHead(accounts.copy().set(A, 1_000, 1), List.of(a0), hash(a0)::equals);
    assertThat(dropped).isEmpty();
    assertThat(pool.size()).isZero();
    assertThat(pool.dropped(hash(a0))).isEmpty();
  }

  @Test
  void dropsWhatBecameUnaffordableInNonceOrder() {
    Transaction a0 = tx(A, 0, 1, 50);
    Transaction a1 = tx(A, 1, 1, 50);
    Transaction a2 = tx(A, 2, 1, 10);
    pool.addAll(List.of(a0, a1, a2));
    pool.onNewHead(accounts.copy().set(A, 70, 0), List.of(), h -> false);
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason)
        .containsExactly(tuple(hash(a1), Reason.UNAFFORDABLE));
    assertThat(pool.select(10, Long.MAX_VALUE, accounts.copy().set(A, 70, 0))).containsExactly(a0);
  }

  @Test
  void readmittedTransactionsAlreadyPendingStayOnce() {
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    pool.onNewHead(accounts, List.of(a0), h -> false);
    assertThat(pool.size()).isEqualTo(1);
    assertThat(added).hasSize(1);
    assertThat(dropped).isEmpty();
  }
}
