package io.ccoin.core.crypto;

/**
 * The cost parameters of the scrypt key derivation that protects a {@link Keystore} file.
 * Memory use is about {@code 128 * n * r} bytes and time grows with {@code n * r * p}; both are
 * bounded, so that a damaged or hostile keystore file cannot exhaust memory or hang a node.
 *
 * @param n the CPU/memory cost: a power of two, 2 to 2^20
 * @param r the block size, 1 to 32
 * @param p the parallelism, 1 to 16
 */
public record ScryptParams(int n, int r, int p) {
  /** The largest {@code n}. */
  public static final int MAX_N = 1 << 20;
  /** The largest {@code r}. */
  public static final int MAX_R = 32;
  /** The largest {@code p}. */
  public static final int MAX_P = 16;
  /** The most memory ({@code 128 * n * r} bytes) a derivation may use: 256 MiB. */
  public static final long MAX_MEMORY = 256L << 20;
  /** The largest work factor {@code n * r * p}. */
  public static final long MAX_WORK = 1L << 24;
  /** The default: {@code n = 2^15, r = 8, p = 1}, about 32 MiB and a fraction of a second. */
  public static final ScryptParams DEFAULT = new ScryptParams(1 << 15, 8, 1);

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException saying which parameter is out of bounds
   */
  public ScryptParams {
    if (n < 2 || n > MAX_N || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("scrypt n must be a power of two from 2 to " + MAX_N + ", got " + n);
    }
    if (r < 1 || r > MAX_R) {
      throw new IllegalArgumentException("scrypt r must be from 1 to " + MAX_R + ", got " + r);
    }
    if (p < 1 || p > MAX_P) {
      throw new IllegalArgumentException("scrypt p must be from 1 to " + MAX_P + ", got " + p);
    }
    if (128L * n * r > MAX_MEMORY) {
      throw new IllegalArgumentException("scrypt n = " + n + ", r = " + r + " would need "
          + (128L * n * r >> 20) + " MiB, more than the limit of " + (MAX_MEMORY >> 20) + " MiB");
    }
    if ((long) n * r * p > MAX_WORK) {
      throw new IllegalArgumentException("scrypt work n * r * p = " + (long) n * r * p
          + " exceeds the limit of " + MAX_WORK);
    }
  }
}
