package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolError;
import io.ccoin.core.pool.ReplacementFee;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Transaction;
import io.ccoin.core.pool.AddResult.Status;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplacementTest {
  private final Accounts accounts = Accounts.rich();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), accounts);

  @ParameterizedTest(name = "old fee {0} needs {1}")
  @CsvSource({"0, 1", "1, 2", "9, 10", "10, 11", "11, 13", "100, 110", "101, 112", "1000, 1100",
      "9223372036854775806, 9223372036854775807", "9223372036854775807, 9223372036854775807"})
  void minimumReplacementFee(long old, long minimum) {
    assertThat(ReplacementFee.minimum(old)).isEqualTo(minimum);
  }

  @ParameterizedTest(name = "old fee {0}, new fee {1}: {2}")
  @CsvSource({"10, 10, false", "10, 11, true", "100, 109, false", "100, 110, true", "1, 1, false", "1, 2, true",
      "5, 4, false"})
  void replacementThresholds(long oldFee, long newFee, boolean replaces) {
    Transaction old = tx(A, 0, oldFee);
    Transaction replacement = tx(A, 0, newFee, 2);
    assertThat(pool.add(old).status()).isEqualTo(Status.ADDED);
    AddResult r = pool.add(replacement);
    if (replaces) {
      assertThat(r).isEqualTo(AddResult.replaced(hash(replacement)));
      assertThat(pool.contains(hash(old))).isFalse();
      assertThat(pool.get(hash(replacement))).contains(replacement);
    } else {
      assertThat(r.error()).contains(PoolError.REPLACEMENT_UNDERPRICED);
      assertThat(r.message()).contains("at least " + ReplacementFee.minimum(oldFee));
      assertThat(pool.contains(hash(old))).isTrue();
    }
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void aReplacementMustStillBeAffordable() {
    accounts.set(A, 20, 0);
    pool.add(tx(A, 0, 10, 5));
    AddResult r = pool.add(tx(A, 0, 11, 10));
    assertThat(r.error()).contains(PoolError.INSUFFICIENT_FUNDS);
  }

  @Test
  void aCostlierReplacementDropsLaterTransactionsItLeavesUnaffordable() {
    accounts.set(A, 100, 0);
    pool.add(tx(A, 0, 10, 30)); // 40
    Transaction n1 = tx(A, 1, 10, 50); // 60: 100
    pool.add(n1);
    assertThat(pool.add(tx(A, 0, 11, 30)).status()).isEqualTo(Status.REPLACED); // 41 + 60 > 100
    assertThat(pool.contains(hash(n1))).isFalse();
    assertThat(pool.size()).isEqualTo(1);
  }
}
