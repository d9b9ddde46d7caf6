package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.pool.PoolError;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.GENESIS;
import static io.ccoin.core.internal.pool.PoolFixture.MAX_TX_DATA;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static io.ccoin.core.internal.pool.PoolFixture.txWithData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.pool.AddResult.Status;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import io.ccoin.core.internal.state.TxVerifier;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final Accounts accounts = Accounts.rich();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), accounts);

  private static void assertRejected(AddResult r, PoolError error) {
    assertThat(r.status()).isEqualTo(Status.REJECTED);
    assertThat(r.error()).contains(error);
    assertThat(r.message()).isNotBlank();
  }

  @Test
  void admitsAValidTransaction() {
    Transaction t = tx(A, 0, 1);
    AddResult r = pool.add(t);
    assertThat(r).isEqualTo(AddResult.added(hash(t)));
    assertThat(r.error()).isEmpty();
    assertThat(pool.get(hash(t))).contains(t);
    assertThat(pool.contains(hash(t))).isTrue();
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void alreadyKnownIsNotAnError() {
    Transaction t = tx(A, 0, 1);
    pool.add(t);
    AddResult again = pool.add(t);
    assertThat(again.status()).isEqualTo(Status.ALREADY_KNOWN);
    assertThat(again.isRejected()).isFalse();
    assertThat(again.hash()).isEqualTo(hash(t));
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void wrongChain() {
    Transaction t = TransactionBuilder.forNetwork(PoolFixture.CHAIN_ID + 1, GENESIS).to(PoolFixture.RECIPIENT).sign(A);
    assertRejected(pool.add(t), PoolError.WRONG_CHAIN);
  }

  @Test
  void badKey() {
    Transaction t = tx(A, 0, 1);
    Transaction bad = new Transaction(t.chainId(), 0, t.to(), t.value(), t.fee(), t.data(), Bytes.of(new byte[10]), t.signature());
    assertRejected(pool.add(bad), PoolError.BAD_KEY);
  }

  @Test
  void badSignature() {
    Transaction otherNetwork = TransactionBuilder.forNetwork(PoolFixture.CHAIN_ID, Hash.ZERO).to(PoolFixture.RECIPIENT).sign(A);
    assertRejected(pool.add(otherNetwork), PoolError.BAD_SIGNATURE);
    Transaction shortSignature = tx(A, 0, 1).withSignature(Bytes.of(new byte[5]));
    assertRejected(pool.add(shortSignature), PoolError.BAD_SIGNATURE);
    assertThat(pool.size()).isZero();
  }

  @Test
  void dataTooLarge() {
    assertThat(pool.add(txWithData(A, 0, 1, (int) MAX_TX_DATA)).status()).isEqualTo(Status.ADDED);
    assertRejected(pool.add(txWithData(A, 1, 1, (int) MAX_TX_DATA + 1)), PoolError.TOO_LARGE);
  }

  @Test
  void feeBelowMinimum() {
    assertRejected(pool.add(tx(A, 0, PoolFixture.MIN_FEE - 1)), PoolError.FEE_TOO_LOW);
  }

  @Test
  void nonceBelowTheAccountNonce() {
    accounts.set(A, 1_000, 5);
    assertRejected(pool.add(tx(A, 4, 1)), PoolError.NONCE_TOO_LOW);
    assertThat(pool.add(tx(A, 5, 1)).status()).isEqualTo(Status.ADDED);
  }

  @Test
  void nonceGap63IsAcceptedAnd64Rejected() {
    assertThat(pool.add(tx(A, 63, 1)).status()).isEqualTo(Status.ADDED);
    assertRejected(pool.add(tx(A, 64, 1)), PoolError.NONCE_TOO_FAR);
    accounts.set(B, 1_000, 10);
    assertThat(pool.add(tx(B, 73, 1)).status()).isEqualTo(Status.ADDED);
    assertRejected(pool.add(tx(B, 74, 1)), PoolError.NONCE_TOO_FAR);
  }

  @Test
  void senderMustAffordItsPendingTransactionsInNonceOrder() {
    accounts.set(A, 100, 0);
    assertThat(pool.add(tx(A, 0, 1, 40)).status()).isEqualTo(Status.ADDED); // 41
    assertThat(pool.add(tx(A, 1, 1, 40)).status()).isEqualTo(Status.ADDED); // 82
    assertRejected(pool.add(tx(A, 2, 1, 18)), PoolError.INSUFFICIENT_FUNDS); // 101
    assertThat(pool.add(tx(A, 2, 1, 17)).status()).isEqualTo(Status.ADDED); // 100
    assertRejected(pool.add(tx(A, 3, 1, 0)), PoolError.INSUFFICIENT_FUNDS);
  }

  @Test
  void onlyLowerNoncesCountTowardsAffordability() {
    accounts.set(A, 100, 0);
    assertThat(pool.add(tx(A, 1, 1, 59)).status()).isEqualTo(Status.ADDED); // 60, waiting for nonce 0
    assertThat(pool.add(tx(A, 0, 1, 30)).status()).isEqualTo(Status.ADDED); // 31 + 60 = 91
  }

  @Test
  void aLowerNonceThatLeavesLaterOnesUnaffordableDropsThem() {
    accounts.set(A, 100, 0);
    Transaction n1 = tx(A, 1, 1, 59); // 60
    Transaction n2 = tx(A, 2, 1, 9); // 10
    pool.add(n1);
    pool.add(n2);
    Transaction n0 = tx(A, 0, 1, 49); // 50: 50 + 60 > 100, 50 + 10 fits
    assertThat(pool.add(n0).status()).isEqualTo(Status.ADDED);
    assertThat(pool.contains(hash(n1))).isFalse();
    assertThat(pool.contains(hash(n0))).isTrue();
    assertThat(pool.contains(hash(n2))).isTrue();
  }

  @Test
  void unaffordableAloneAndValuePlusFeeOverflow() {
    accounts.set(A, 10, 0);
    assertRejected(pool.add(tx(A, 0, 1, 10)), PoolError.INSUFFICIENT_FUNDS);
    accounts.set(A, Long.MAX_VALUE, 0);
    assertRejected(pool.add(tx(A, 0, 1, Long.MAX_VALUE)), PoolError.INSUFFICIENT_FUNDS);
    assertThat(pool.add(tx(A, 0, 1, Long.MAX_VALUE - 1)).status()).isEqualTo(Status.ADDED);
  }

  @Test
  void nonceIsCheckedBeforeFunds() {
    accounts.set(A, 0, 3);
    assertRejected(pool.add(tx(A, 2, 1)), PoolError.NONCE_TOO_LOW);
    assertRejected(pool.add(tx(A, 3, 1)), PoolError.INSUFFICIENT_FUNDS);
  }

  @Test
  void perSenderBound() {
    TxPool small = new TxPool(PoolFixture.verifier(), accounts, PoolConfig.DEFAULT.withMaxPerSender(3));
    for (int n = 0; n < 3; n++) {
      assertThat(small.add(tx(A, n, 1)).status()).isEqualTo(Status.ADDED);
    }
    assertRejected(small.add(tx(A, 3, 100)), PoolError.POOL_FULL);
    assertThat(small.add(tx(A, 1, 2)).status()).isEqualTo(Status.REPLACED);
    assertThat(small.add(tx(B, 0, 1)).status()).isEqualTo(Status.ADDED);
    assertThat(small.size()).isEqualTo(4);
  }

  @Test
  void pendingNonceCountsContiguousPoolTransactions() {
    accounts.set(A, 1_000, 4);
    assertThat(pool.pendingNonce(A.address())).isEqualTo(4);
    pool.add(tx(A, 4, 1));
    pool.add(tx(A, 5, 1));
    pool.add(tx(A, 7, 1));
    assertThat(pool.pendingNonce(A.address())).isEqualTo(6);
    assertThat(pool.pendingNonce(PoolFixture.RECIPIENT)).isZero();
  }

  @Test
  void errorsCarryTheSpecCodesAndStatuses() {
    assertThat(PoolError.NONCE_TOO_LOW.code()).isEqualTo("nonce_too_low");
    assertThat(PoolError.REPLACEMENT_UNDERPRICED.code()).isEqualTo("replacement_underpriced");
    assertThat(PoolError.TOO_LARGE.httpStatus()).isEqualTo(413);
    assertThat(PoolError.POOL_FULL.httpStatus()).isEqualTo(409);
    assertThat(PoolError.NONCE_TOO_FAR.httpStatus()).isEqualTo(422);
    assertThat(PoolError.forVerifierRule(TxVerifier.CHAIN)).isEqualTo(PoolError.WRONG_CHAIN);
    assertThat(PoolError.forVerifierRule(TxVerifier.KEY)).isEqualTo(PoolError.BAD_KEY);
    assertThat(PoolError.forVerifierRule(TxVerifier.SIGNATURE)).isEqualTo(PoolError.BAD_SIGNATURE);
    assertThat(PoolError.forVerifierRule(TxVerifier.DATA)).isEqualTo(PoolError.TOO_LARGE);
    assertThat(PoolError.forVerifierRule(TxVerifier.FEE)).isEqualTo(PoolError.FEE_TOO_LOW);
    assertThatThrownBy(() -> PoolError.forVerifierRule("tx-nonce")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configIsValidated() {
    assertThat(PoolConfig.DEFAULT).isEqualTo(new PoolConfig(50_000, 128L * 1024 * 1024, 1_024, 64));
    assertThatThrownBy(() -> PoolConfig.DEFAULT.withMaxBytes(0)).hasMessageContaining("maxBytes");
  }
}
