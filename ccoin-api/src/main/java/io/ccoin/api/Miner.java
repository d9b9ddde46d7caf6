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
  /** Starts mining {@code template}. Cancel the returned future to abandon the attempt. */
  CompletableFuture<Block> mine(BlockTemplate template);

  /** Stops all attempts and releases the threads. */
  @Override
  void close();
}
