package io.ccoin.core.pool;

import io.ccoin.core.internal.pool.TxPool;

/**
 * The bounds of a {@link TxPool} (SPEC 8). Immutable.
 *
 * @param maxCount most transactions in the pool
 * @param maxBytes most encoded bytes ({@code len(msgpack(Tx))} summed) in the pool
 * @param maxPerSender most transactions of one sender
 * @param maxNonceGap a transaction's nonce must be below the sender's account nonce plus this
 */
public record PoolConfig(int maxCount, long maxBytes, int maxPerSender, int maxNonceGap) {
  /** The SPEC defaults: 50,000 transactions, 128 MiB, 1,024 per sender, nonce gap 64. */
  public static final PoolConfig DEFAULT = new PoolConfig(50_000, 128L * 1024 * 1024, 1_024, 64);

  public PoolConfig {
    positive("maxCount", maxCount);
    positive("maxBytes", maxBytes);
    positive("maxPerSender", maxPerSender);
    positive("maxNonceGap", maxNonceGap);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }

  public PoolConfig withMaxCount(int value) {
    return new PoolConfig(value, maxBytes, maxPerSender, maxNonceGap);
  }

  public PoolConfig withMaxBytes(long value) {
    return new PoolConfig(maxCount, value, maxPerSender, maxNonceGap);
  }

  public PoolConfig withMaxPerSender(int value) {
    return new PoolConfig(maxCount, maxBytes, value, maxNonceGap);
  }

  public PoolConfig withMaxNonceGap(int value) {
    return new PoolConfig(maxCount, maxBytes, maxPerSender, value);
  }
}
