package io.ccoin.core.internal.pool;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Transaction;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A transaction is ready when the sender's nonces run without a gap from its account nonce up to
 * it, whatever order the transactions arrived in, and a replacement or a filled gap moves the
 * right ones between ready and future.
 */
class ReadinessTest {
  private final Accounts accounts = Accounts.rich();

  @Test
  void aFilledGapMakesTheRestReady() {
    TxPool pool = new TxPool(PoolFixture.verifier(), accounts);
    pool.add(tx(A, 0, 1));
    pool.add(tx(A, 2, 1));
    pool.add(tx(A, 3, 1));
    assertThat(pool.stats().readyCount()).isEqualTo(1);
    assertThat(pool.stats().futureCount()).isEqualTo(2);
    pool.add(tx(A, 1, 1));
    assertThat(pool.stats().readyCount()).isEqualTo(4);
    assertThat(pool.stats().futureCount()).isZero();
    pool.add(tx(A, 2, 5)); // a replacement keeps everything ready
    assertThat(pool.stats().readyCount()).isEqualTo(4);
    assertThat(pool.pendingNonce(A.address())).isEqualTo(4);
  }

  @Test
  void anyArrivalOrderGivesTheSameSides() {
    Random random = new Random(5);
    for (int round = 0; round < 20; round++) {
      TxPool pool = new TxPool(PoolFixture.verifier(), accounts);
      List<Transaction> txs = new ArrayList<>();
      int[] counts = {random.nextInt(8), random.nextInt(8)};
      List<AccountKey> keys = List.of(A, B);
      boolean[][] present = new boolean[2][8];
      for (int k = 0; k < 2; k++) {
        for (int n = 0; n < counts[k]; n++) {
          if (random.nextInt(4) != 0) { // leave some gaps
            txs.add(tx(keys.get(k), n, 1));
            present[k][n] = true;
          }
        }
      }
      Collections.shuffle(txs, random);
      txs.forEach(pool::add);
      int ready = 0;
      for (int k = 0; k < 2; k++) {
        for (int n = 0; n < 8 && present[k][n]; n++) {
          ready++;
        }
      }
      assertThat(pool.stats().readyCount()).as("round %d", round).isEqualTo(ready);
      assertThat(pool.stats().futureCount()).as("round %d", round).isEqualTo(txs.size() - ready);
      assertThat(pool.select(100, Long.MAX_VALUE, accounts)).hasSize(ready);
    }
  }
}
