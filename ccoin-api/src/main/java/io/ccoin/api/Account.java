package io.ccoin.api;

/**
 * An account's state: balance and nonce. An account with both zero does not exist (SPEC 4).
 *
 * @param balance coins held, 0 .. 2^63-1
 * @param nonce the number of transactions this account has sent, which is also the nonce its next
 *     transaction must carry
 */
public record Account(long balance, long nonce) {
  /** The state of every address that has no account. */
  public static final Account EMPTY = new Account(0, 0);

  /**
   * @throws IllegalArgumentException if {@code balance} or {@code nonce} is negative
   */
  public Account {
    if (balance < 0) {
      throw new IllegalArgumentException("balance must not be negative: " + balance);
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative: " + nonce);
    }
  }

  /** True when balance and nonce are both zero, that is, when the account does not exist. */
  public boolean isEmpty() {
    return balance == 0 && nonce == 0;
  }
}
