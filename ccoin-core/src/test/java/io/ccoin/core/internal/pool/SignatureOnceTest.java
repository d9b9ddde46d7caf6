package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolError;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Bytes;
import io.ccoin.api.Transaction;
import io.ccoin.core.pool.AddResult.Status;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import io.ccoin.core.internal.state.TxVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureOnceTest {
  private final Accounts accounts = Accounts.rich();
  private final TxVerifier verifier = PoolFixture.verifier();
  private final TxPool pool = new TxPool(verifier, accounts);

  @Test
  void aTransactionsSignatureIsVerifiedOnce() {
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    assertThat(verifier.isKnownValid(hash(a0))).isTrue();
    assertThat(verifier.signatureChecks()).isEqualTo(1);

    pool.add(a0);
    pool.addAll(List.of(a0));
    assertThat(verifier.signatureChecks()).isEqualTo(1);
  }

  @Test
  void aStatefullyRejectedTransactionIsNotReverifiedWhenResubmitted() {
    Transaction far = tx(A, 64, 1);
    assertThat(pool.add(far).error()).contains(PoolError.NONCE_TOO_FAR);
    assertThat(pool.add(far).error()).contains(PoolError.NONCE_TOO_FAR);
    assertThat(verifier.signatureChecks()).isEqualTo(1);

    pool.onNewHead(accounts.copy().set(A, 1_000, 1), List.of(far), h -> false);
    assertThat(pool.contains(hash(far))).isTrue();
    assertThat(verifier.signatureChecks()).isEqualTo(1);
  }

  @Test
  void aDroppedTransactionReadmittedAfterAReorgIsNotReverified() {
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    pool.onNewHead(accounts.copy().set(A, 1_000, 1), List.of(), hash(a0)::equals);
    assertThat(pool.size()).isZero();
    pool.onNewHead(accounts, List.of(a0), h -> false);
    assertThat(pool.contains(hash(a0))).isTrue();
    assertThat(verifier.signatureChecks()).isEqualTo(1);
  }

  @Test
  void addAllVerifiesEachNewTransactionOnceAndAnswersInOrder() {
    List<Transaction> txs = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      txs.add(tx(n % 2 == 0 ? A : B, n / 2, 1));
    }
    Transaction forged = tx(A, 6, 1).withSignature(Bytes.of(new byte[256]));
    txs.add(forged);
    txs.add(txs.get(0));

    List<AddResult> results = pool.addAll(txs);

    assertThat(results).hasSize(14);
    assertThat(results.subList(0, 12)).allMatch(r -> r.status() == Status.ADDED);
    assertThat(results.get(12).error()).contains(PoolError.BAD_SIGNATURE);
    assertThat(results.get(13).status()).isEqualTo(Status.ALREADY_KNOWN);
    assertThat(results).extracting(AddResult::hash).containsExactlyElementsOf(txs.stream().map(PoolFixture::hash).toList());
    assertThat(verifier.signatureChecks()).isBetween(13L, 14L); // the duplicate may race its first copy
    assertThat(pool.size()).isEqualTo(12);
    assertThat(pool.pendingNonce(A.address())).isEqualTo(6);
  }
}
