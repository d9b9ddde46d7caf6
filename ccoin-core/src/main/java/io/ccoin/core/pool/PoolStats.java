package io.ccoin.core.pool;

/**
 * Counts and encoded bytes of the pool's ready transactions (nonces contiguous from the sender's
 * account nonce, so includable now) and future ones (behind a nonce gap). Immutable.
 */
public record PoolStats(int readyCount, long readyBytes, int futureCount, long futureBytes) {
  /** Ready and future transactions together. */
  public int count() {
    return readyCount + futureCount;
  }

  /** Encoded bytes of ready and future transactions together. */
  public long bytes() {
    return readyBytes + futureBytes;
  }
}
