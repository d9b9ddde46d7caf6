package io.ccoin.node.http;

import io.ccoin.api.Address;
import io.ccoin.core.crypto.AccountKey;
import java.util.Objects;

/**
 * The node's own account for {@code POST /api/v1/wallet/transactions}: the key it signs with and
 * the API token (SPEC 12) a caller must present as {@code Authorization: Bearer <token>}, an
 * {@link ApiToken}; {@link #toString()} shows the address only. Immutable and thread-safe.
 */
public final class Wallet {
  private final AccountKey key;
  private final ApiToken token;

  private Wallet(AccountKey key, ApiToken token) {
    this.key = key;
    this.token = token;
  }

  /**
   * A wallet signing with {@code key}, guarded by {@code token}.
   *
   * @throws IllegalArgumentException if the token is shorter than 16 characters or holds whitespace
   */
  public static Wallet of(AccountKey key, String token) {
    Objects.requireNonNull(key, "key");
    return new Wallet(key, ApiToken.of(token));
  }

  public AccountKey key() {
    return key;
  }

  public Address address() {
    return key.address();
  }

  /** True when {@code presented} is the token; the time taken does not depend on how much of it matched. */
  boolean accepts(String presented) {
    return token.accepts(presented);
  }

  /** The API token that guards the wallet (and, unless the server was given another, the other changing endpoints). */
  ApiToken token() {
    return token;
  }

  @Override
  public String toString() {
    return "Wallet{" + key.address() + "}";
  }
}
