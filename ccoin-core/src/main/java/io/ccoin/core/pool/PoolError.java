package io.ccoin.core.pool;

import io.ccoin.core.internal.state.TxVerifier;
import java.util.Locale;

/**
 * Why the pool refused a transaction. Each constant's {@link #code()} is the SPEC 11 error code
 * and {@link #httpStatus()} the status the node's HTTP API answers it with.
 */
public enum PoolError {
  /** The chain id is not this network's. */
  WRONG_CHAIN(422),
  /** The public key is not the 294-byte canonical RSA-2048 form. */
  BAD_KEY(422),
  /** The signature does not verify for this network (a wrong length included). */
  BAD_SIGNATURE(422),
  /** The fee is below {@code min_fee}. */
  FEE_TOO_LOW(422),
  /** The sender cannot pay this transaction after its pending ones with lower nonces. */
  INSUFFICIENT_FUNDS(422),
  /** The nonce is too far ahead of the sender's account nonce. */
  NONCE_TOO_FAR(422),
  /** The nonce is already used. */
  NONCE_TOO_LOW(409),
  /** A pending transaction has the same sender and nonce and the fee is not high enough to replace it. */
  REPLACEMENT_UNDERPRICED(409),
  /** The pool, or the sender's share of it, is full and this transaction pays too little to evict another. */
  POOL_FULL(409),
  /** The data is longer than {@code max_tx_data}. */
  TOO_LARGE(413);

  private final int httpStatus;

  PoolError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The SPEC 11 code, for example {@code nonce_too_low}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status of SPEC 11: 409, 413 or 422. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The error for a rule name of {@link TxVerifier}.
   *
   * @throws IllegalArgumentException for a name {@link TxVerifier} does not use
   */
  public static PoolError forVerifierRule(String rule) {
    return switch (rule) {
      case TxVerifier.CHAIN -> WRONG_CHAIN;
      case TxVerifier.KEY -> BAD_KEY;
      case TxVerifier.SIGNATURE -> BAD_SIGNATURE;
      case TxVerifier.DATA -> TOO_LARGE;
      case TxVerifier.FEE -> FEE_TOO_LOW;
      default -> throw new IllegalArgumentException("not a TxVerifier rule: " + rule);
    };
  }
}
