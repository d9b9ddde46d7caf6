package io.ccoin.api;

import java.util.concurrent.CompletableFuture;

/**
 * Finds a proof-of-work nonce for a {@link BlockTemplate} and seals the block (SPEC 5, 7).
 *
 * <p>Contract: {@link #mine} returns at once; the work runs on the threads the miner was given. The
 * returned future completes with the sealed block (its {@code powHash} meeting the header's
 * difficulty, signed by the template's signer), or exceptionally with
 * {@link java.util.concurrent.CancellationException} once cancelled; after {@code cancel}, the
 * threads stop within a few milliseconds. Thread-safe.
 */
public interface Miner extends AutoCloseable {
  /**
   * Starts mining {@code template} and returns without waiting. Cancel the returned future to
   * abandon the attempt (a new head makes the template stale). The future completes on one of the
   * miner's threads, so its dependent stages run there unless given an executor.
   *
   * @return a future of the sealed block; cancelled when the caller cancels it or the miner is
   *     closed meanwhile, failed with {@link IllegalStateException} when the miner is closed already
   */
  CompletableFuture<Block> mine(BlockTemplate template);

  /** Stops all attempts (their futures are cancelled) and releases the threads. Idempotent. */
  @Override
  void close();
}
