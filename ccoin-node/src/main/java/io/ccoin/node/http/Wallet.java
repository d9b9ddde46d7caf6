package io.ccoin.node.http;

import io.ccoin.api.Address;
import io.ccoin.core.crypto.AccountKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The node's own account for {@code POST /api/v1/wallet/transactions}: the key it signs with and
 * the API token (SPEC 12) a caller must present as {@code Authorization: Bearer <token>}. The token
 * is kept only as its SHA-256 digest and compared in constant time; {@link #toString()} shows the
 * address only. Immutable and thread-safe.
 */
public final class Wallet {
  private final AccountKey key;
  private final byte[] tokenDigest;

  private Wallet(AccountKey key, byte[] tokenDigest) {
    this.key = key;
    this.tokenDigest = tokenDigest;
  }

  /**
   * A wallet signing with {@code key}, guarded by {@code token}.
   *
   * @throws IllegalArgumentException if the token is shorter than 16 characters or holds whitespace
   */
  public static Wallet of(AccountKey key, String token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    if (token.length() < 16 || token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
      throw new IllegalArgumentException("the API token must be at least 16 printable ASCII characters without spaces");
    }
    return new Wallet(key, sha256(token));
  }

  public AccountKey key() {
    return key;
  }

  public Address address() {
    return key.address();
  }

  /** True when {@code presented} is the token; the time taken does not depend on how much of it matched. */
  boolean accepts(String presented) {
    return MessageDigest.isEqual(tokenDigest, sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "Wallet{" + key.address() + "}";
  }
}
