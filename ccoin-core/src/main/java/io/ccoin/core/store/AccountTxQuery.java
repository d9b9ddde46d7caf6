package io.ccoin.core.store;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import java.util.Objects;

/** The argument checks of {@link io.ccoin.api.ChainStore#accountTransactions}, shared by the stores. */
public final class AccountTxQuery {
  private AccountTxQuery() {}

  /**
   * Checks the arguments and returns the exclusive upper key of the query.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive or a place is negative
   */
  public static AccountTx.Key check(Address address, long beforeNumber, int beforeIndex, int limit) {
    Objects.requireNonNull(address, "address");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, not " + limit);
    }
    if (beforeNumber < 0 || beforeIndex < 0) {
      throw new IllegalArgumentException("the place (" + beforeNumber + ", " + beforeIndex + ") is negative");
    }
    return new AccountTx.Key(address, beforeNumber, beforeIndex);
  }
}
