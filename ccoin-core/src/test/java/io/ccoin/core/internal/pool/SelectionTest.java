package io.ccoin.core.internal.pool;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.C;
import static io.ccoin.core.internal.pool.PoolFixture.size;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static io.ccoin.core.internal.pool.PoolFixture.txWithData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Transaction;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelectionTest {
  private final Accounts accounts = Accounts.rich();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), accounts);
  private Transaction a0;
  private Transaction a1;
  private Transaction b0;
  private Transaction c0;
  private Transaction c2;

  @BeforeEach
  void fill() {
    a0 = tx(A, 0, 1, 10);
    a1 = tx(A, 1, 10, 10);
    b0 = tx(B, 0, 5);
    c0 = tx(C, 0, 3);
    c2 = tx(C, 2, 100); // behind a gap
    pool.addAll(java.util.List.of(a1, c2, a0, b0, c0));
    assertThat(pool.size()).isEqualTo(5);
  }

  @Test
  void highestFeeFirstInNonceOrderPerSenderWithoutGaps() {
    assertThat(pool.select(100, Long.MAX_VALUE, accounts)).containsExactly(b0, c0, a0, a1);
  }

  @Test
  void aSenderWithAHigherFeeLaterGoesAsSoonAsItsEarlierOneIsTaken() {
    Transaction b1 = tx(B, 1, 4);
    pool.add(b1);
    // b0 (5), then b1 (4) beats c0 (3); a1 (10) waits for a0 (1)
    assertThat(pool.select(100, Long.MAX_VALUE, accounts)).containsExactly(b0, b1, c0, a0, a1);
  }

  @Test
  void countBudget() {
    assertThat(pool.select(2, Long.MAX_VALUE, accounts)).containsExactly(b0, c0);
    assertThat(pool.select(0, Long.MAX_VALUE, accounts)).isEmpty();
  }

  @Test
  void byteBudgetSkipsWhatDoesNotFitAndTheSendersLaterTransactions() {
    Transaction b1 = tx(B, 1, 50);
    pool.add(b1);
    Transaction big = txWithData(C, 0, 4, 60); // replaces c0
    pool.add(big);
    int s = size(b0);
    // b0, b1 fit; big does not fit what is left; a0 does not either
    assertThat(pool.select(100, 2L * s + 30, accounts)).containsExactly(b0, b1);
    // only s + 10 bytes: b0 fits first, nothing else does
    assertThat(pool.select(100, s + 10L, accounts)).containsExactly(b0);
  }

  @Test
  void aTransactionThatDoesNotFitLetsSmallerOnesThrough() {
    Transaction big = txWithData(B, 0, 6, 60); // replaces b0, highest fee
    pool.add(big);
    assertThat(pool.select(100, size(c0) + 10L, accounts)).containsExactly(c0);
  }

  @Test
  void selectsAgainstTheGivenState() {
    Accounts later = accounts.copy().set(A, 1_000, 1).set(B, 0, 0).set(C, 1_000, 2);
    // a0's nonce is used, b0 is unaffordable, c2 is now next
    assertThat(pool.select(100, Long.MAX_VALUE, later)).containsExactly(c2, a1);

    Accounts poorA = accounts.copy().set(A, 11, 0); // a0 costs 11, a1 20
    assertThat(pool.select(100, Long.MAX_VALUE, poorA)).containsExactly(b0, c0, a0);
    assertThat(pool.size()).isEqualTo(5);
  }

  @Test
  void negativeBudgetsAreRefused() {
    assertThatThrownBy(() -> pool.select(-1, 1, accounts)).isInstanceOf(IllegalArgumentException.class);
  }
}
