package io.ccoin.core.mining;

/**
 * Remembers the highest block number a miner has signed, so that it never signs at or below it
 * again, even after a reorg or a restart (SPEC 7, equivocation). Implementations are thread-safe;
 * {@link #record} is durable when it returns.
 */
public interface SignedHeight {
  /** The highest number signed so far, or -1 when none. */
  long highest();

  /**
   * Records that a block at {@code number} is about to be signed.
   *
   * @throws IllegalStateException if {@code number} is not above {@link #highest()}
   */
  void record(long number);
}
