package io.ccoin.core.internal.pool;


import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.internal.state.TxVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verified-signature cache (Caffeine) holds at most its capacity and keeps what was just verified. */
class SignatureCacheBoundTest {
  @Test
  void theCacheHoldsAtMostItsCapacity() {
    TxVerifier verifier = new TxVerifier(PoolFixture.params(), PoolFixture.GENESIS, 3);
    List<Hash> hashes = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      Transaction t = tx(A, n, 1);
      assertThat(verifier.verify(t, hash(t)).isValid()).isTrue();
      hashes.add(hash(t));
      assertThat(verifier.isKnownValid(hash(t))).as("the transaction just verified is remembered").isTrue();
    }
    assertThat(hashes.stream().filter(verifier::isKnownValid).count()).isBetween(1L, 3L);
    assertThat(verifier.signatureChecks()).isEqualTo(12);
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new TxVerifier(PoolFixture.params(), PoolFixture.GENESIS, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
