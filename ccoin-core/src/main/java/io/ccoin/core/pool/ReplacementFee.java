package io.ccoin.core.pool;

/**
 * The fee bump a replacement must pay (SPEC 8): a transaction replaces a pending one with the same
 * sender and nonce only when its fee is at least {@code max(old + 1, ceil(old * 1.1))}. Stateless.
 */
public final class ReplacementFee {
  private ReplacementFee() {}

  /**
   * The lowest fee that replaces a pending transaction paying {@code oldFee}; {@link Long#MAX_VALUE}
   * when the exact minimum would exceed it (then only a fee of 2^63-1 replaces).
   */
  public static long minimum(long oldFee) {
    if (oldFee < 0) {
      throw new IllegalArgumentException("fee must not be negative: " + oldFee);
    }
    long tenth = oldFee / 10 + (oldFee % 10 == 0 ? 0 : 1);
    long bump = Math.max(1, tenth);
    return oldFee > Long.MAX_VALUE - bump ? Long.MAX_VALUE : oldFee + bump;
  }
}
