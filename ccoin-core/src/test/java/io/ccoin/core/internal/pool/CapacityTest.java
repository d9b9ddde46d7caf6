package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.pool.PoolError;
import io.ccoin.core.pool.PoolStats;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.C;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.size;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static io.ccoin.core.internal.pool.PoolFixture.txWithData;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.pool.AddResult.Status;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityTest {
  private final Accounts accounts = Accounts.rich();
  private final List<TxDroppedEvent> dropped = new ArrayList<>();

  private TxPool pool(PoolConfig config) {
    TxPool pool = new TxPool(PoolFixture.verifier(), accounts, config);
    pool.onTxDropped(dropped::add);
    return pool;
  }

  private List<Transaction> evicted() {
    return dropped.stream().filter(e -> e.reason() == Reason.EVICTED).map(TxDroppedEvent::transaction).toList();
  }

  @Test
  void fullByCountEvictsFutureTransactionsFirstThenTheLowestFee() {
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxCount(3));
    Transaction a0 = tx(A, 0, 5);
    Transaction b0 = tx(B, 0, 2);
    Transaction c1 = tx(C, 1, 50); // future: C's nonce 0 is missing
    pool.add(a0);
    pool.add(b0);
    pool.add(c1);
    assertThat(pool.stats()).isEqualTo(new PoolStats(2, size(a0) + size(b0), 1, size(c1)));

    Transaction a1 = tx(A, 1, 3);
    assertThat(pool.add(a1).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).containsExactly(c1); // future first, despite its fee

    Transaction c0 = tx(C, 0, 4);
    assertThat(pool.add(c0).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).containsExactly(c1, b0); // then the lowest fee

    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.stats().readyCount()).isEqualTo(3);
  }

  @Test
  void roomCountsWhatIsLeftByCountAndByBytes() {
    TxPool byCount = pool(PoolConfig.DEFAULT.withMaxCount(3));
    assertThat(byCount.room()).isEqualTo(3);
    Transaction a0 = tx(A, 0, 5);
    byCount.add(a0);
    byCount.add(tx(B, 0, 5));
    assertThat(byCount.room()).isEqualTo(1);
    byCount.add(tx(C, 0, 5));
    assertThat(byCount.room()).isZero();
    assertThat(byCount.add(tx(A, 1, 1)).error()).contains(PoolError.POOL_FULL);
    assertThat(byCount.room()).isZero();

    // room for two more transactions of the size held, by bytes, though the count would allow many
    TxPool byBytes = pool(PoolConfig.DEFAULT.withMaxBytes(3 * size(a0) + size(a0) / 2));
    byBytes.add(a0);
    assertThat(byBytes.room()).isEqualTo(2);
    byBytes.add(tx(B, 0, 5));
    byBytes.add(tx(C, 0, 5));
    assertThat(byBytes.room()).isZero();
  }

  @Test
  void aNewcomerThatWouldBeEvictedFirstIsRefused() {
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxCount(2));
    pool.add(tx(A, 0, 5));
    pool.add(tx(C, 0, 3));

    assertThat(pool.add(tx(B, 0, 1)).error()).contains(PoolError.POOL_FULL); // lowest fee
    assertThat(pool.add(tx(B, 0, 3)).error()).contains(PoolError.POOL_FULL); // equal fee: first come stays
    assertThat(pool.add(tx(B, 1, 100)).error()).contains(PoolError.POOL_FULL); // future, pool full of ready ones
    assertThat(evicted()).isEmpty();

    Transaction b0 = tx(B, 0, 4);
    assertThat(pool.add(b0).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).extracting(PoolFixture::hash).containsExactly(hash(tx(C, 0, 3)));
  }

  @Test
  void aFutureNewcomerEvictsACheaperFutureOne() {
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxCount(2));
    Transaction a0 = tx(A, 0, 1);
    Transaction b5 = tx(B, 5, 2);
    pool.add(a0);
    pool.add(b5);
    assertThat(pool.add(tx(C, 5, 2)).error()).contains(PoolError.POOL_FULL);
    assertThat(pool.add(tx(C, 5, 3)).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).containsExactly(b5);
    assertThat(pool.contains(hash(a0))).isTrue();
  }

  @Test
  void aNewcomerNeverEvictsTheTransactionsItDependsOn() {
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxCount(2));
    Transaction a0 = tx(A, 0, 1);
    Transaction b0 = tx(B, 0, 2);
    pool.add(a0);
    pool.add(b0);
    assertThat(pool.add(tx(A, 1, 10)).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).containsExactly(b0);
    assertThat(pool.contains(hash(a0))).isTrue();
  }

  @Test
  void replacingDoesNotNeedRoom() {
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxCount(2));
    pool.add(tx(A, 0, 1));
    pool.add(tx(B, 0, 1));
    assertThat(pool.add(tx(A, 0, 2)).status()).isEqualTo(Status.REPLACED);
    assertThat(evicted()).isEmpty();
  }

  @Test
  void fullByBytesEvictsAsManyAsNeeded() {
    Transaction a0 = tx(A, 0, 5);
    int s = size(a0);
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxBytes(2L * s + 30));
    Transaction b0 = tx(B, 0, 2);
    pool.add(a0);
    pool.add(b0);

    Transaction c0 = txWithData(C, 0, 3, 20);
    assertThat(pool.add(c0).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).containsExactly(b0);
    assertThat(pool.stats().bytes()).isEqualTo(s + size(c0));

    Transaction big = txWithData(B, 0, 10, 60);
    assertThat(pool.add(big).status()).isEqualTo(Status.ADDED);
    assertThat(evicted()).containsExactly(b0, c0, a0);
    assertThat(pool.size()).isEqualTo(1);
    assertThat(pool.stats().bytes()).isEqualTo(size(big));
  }

  @Test
  void aTransactionLargerThanThePoolIsRefused() {
    Transaction a0 = tx(A, 0, 100);
    TxPool pool = pool(PoolConfig.DEFAULT.withMaxBytes(size(a0) - 1L));
    AddResult r = pool.add(a0);
    assertThat(r.error()).contains(PoolError.POOL_FULL);
    assertThat(pool.size()).isZero();
  }

  @Test
  void statsFollowReadiness() {
    TxPool pool = pool(PoolConfig.DEFAULT);
    Transaction a1 = tx(A, 1, 1);
    Transaction a2 = tx(A, 2, 1);
    pool.add(a1);
    pool.add(a2);
    assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 2, size(a1) + size(a2)));
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    assertThat(pool.stats()).isEqualTo(new PoolStats(3, size(a0) + size(a1) + size(a2), 0, 0));
    assertThat(pool.stats().count()).isEqualTo(pool.size());
  }
}
