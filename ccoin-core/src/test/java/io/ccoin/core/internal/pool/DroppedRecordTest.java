package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.DroppedTx;
import io.ccoin.core.pool.PoolConfig;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.size;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.MutableClock;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC 8: the pool remembers each drop with its reason for at least an hour, in bounded memory. */
class DroppedRecordTest {
  private static final long T0 = 1_764_000_000_000L;
  private final MutableClock clock = new MutableClock(T0);
  private final Accounts accounts = Accounts.rich();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), accounts, PoolConfig.DEFAULT.withMaxCount(2), clock);

  @Test
  void aReplacedTransactionIsRememberedForAnHourWithItsReasonAndTime() {
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    clock.advance(5);
    assertThat(pool.add(tx(A, 0, 2)).status()).isEqualTo(AddResult.Status.REPLACED);

    assertThat(pool.dropped(hash(a0))).contains(new DroppedTx(a0, hash(a0), Reason.REPLACED, T0 + 5));
    clock.advance(DroppedTxs.RETENTION.toMillis());
    assertThat(pool.dropped(hash(a0))).as("an hour later").isPresent();
    clock.advance(1);
    assertThat(pool.dropped(hash(a0))).as("after the hour").isEmpty();
  }

  @Test
  void anEvictedTransactionIsRememberedAsEvicted() {
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    pool.add(tx(B, 0, 3));
    pool.add(tx(PoolFixture.C, 0, 5)); // the pool holds 2: the cheapest goes
    assertThat(pool.contains(hash(a0))).isFalse();
    assertThat(pool.dropped(hash(a0)).map(DroppedTx::reason)).contains(Reason.EVICTED);
  }

  @Test
  void aDroppedTransactionSubmittedAgainIsForgotten() {
    Transaction a0 = tx(A, 0, 1);
    Transaction b0 = tx(B, 0, 5);
    Transaction c0 = tx(PoolFixture.C, 0, 9);
    pool.addAll(List.of(a0, b0, c0)); // the pool holds 2: a0 goes
    assertThat(pool.dropped(hash(a0)).map(DroppedTx::reason)).contains(Reason.EVICTED);
    pool.onNewHead(accounts.copy().set(B, 1_000, 1).set(PoolFixture.C, 1_000, 1), List.of(), h -> true);
    assertThat(pool.size()).isZero();

    assertThat(pool.add(a0).status()).isEqualTo(AddResult.Status.ADDED);
    assertThat(pool.dropped(hash(a0))).isEmpty();
  }

  @Test
  void theRecordIsBoundedInCountOldestFirst() {
    DroppedTxs record = new DroppedTxs(clock, 2, Long.MAX_VALUE);
    List<Transaction> txs = List.of(tx(A, 0, 1), tx(A, 1, 1), tx(A, 2, 1));
    for (Transaction t : txs) {
      record.record(pooled(t), Reason.EVICTED);
    }
    assertThat(record.size()).isEqualTo(2);
    assertThat(record.get(hash(txs.get(0)))).isEmpty();
    assertThat(record.get(hash(txs.get(1)))).isPresent();
    assertThat(record.get(hash(txs.get(2)))).isPresent();
  }

  @Test
  void theRecordIsBoundedInBytesOldestFirst() {
    Transaction a0 = tx(A, 0, 1);
    Transaction a1 = tx(A, 1, 1);
    DroppedTxs record = new DroppedTxs(clock, 100, size(a0) + size(a1) - 1L);
    record.record(pooled(a0), Reason.EVICTED);
    record.record(pooled(a1), Reason.EVICTED);
    assertThat(record.get(hash(a0))).isEmpty();
    assertThat(record.get(hash(a1))).isPresent();
  }

  private static PooledTx pooled(Transaction t) {
    return new PooledTx(t, hash(t), A.address(), size(t), t.value() + t.fee(), 0);
  }
}
