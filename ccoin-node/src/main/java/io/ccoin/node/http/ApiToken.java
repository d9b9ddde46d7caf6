package io.ccoin.node.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The node's API token (SPEC 12, the token file in {@code base_path}): what a caller presents as
 * {@code Authorization: Bearer <token>} to the endpoints that change the node ({@code POST
 * /wallet/transactions}, {@code POST} and {@code DELETE /peers/bans}). Kept only as its SHA-256
 * digest and compared in constant time; {@link #toString()} never shows it. Immutable and
 * thread-safe.
 */
public final class ApiToken {
  private final byte[] digest;

  private ApiToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * The token {@code token}.
   *
   * @throws IllegalArgumentException if it is shorter than 16 characters or holds whitespace or
   *     non-ASCII characters
   */
  public static ApiToken of(String token) {
    Objects.requireNonNull(token, "token");
    if (token.length() < 16 || token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
      throw new IllegalArgumentException("the API token must be at least 16 printable ASCII characters without spaces");
    }
    return new ApiToken(sha256(token));
  }

  /** True when {@code presented} is the token; the time taken does not depend on how much of it matched. */
  boolean accepts(String presented) {
    return MessageDigest.isEqual(digest, sha256(presented));
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
    return "ApiToken{hidden}";
  }
}
