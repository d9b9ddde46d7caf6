package io.ccoin.api;

import java.util.Objects;

/**
 * A block as the store keeps it, with its hash and the total weight of the chain that ends in it
 * (SPEC 7 fork choice), so that neither needs recomputing on reopen. Immutable. The record trusts
 * its caller that {@code hash} is the block's hash; the chain builds these.
 *
 * <p>Cost: a durable store decodes the whole block (header and transactions) for every
 * {@link ChainStore#block} call that returns one; keep the instance rather than reading it again.
 *
 * @param block the block
 * @param hash the block's hash
 * @param totalWeight the fork-choice weight of the chain from genesis to this block, not negative
 */
public record StoredBlock(Block block, Hash hash, long totalWeight) {
  /**
   * @throws IllegalArgumentException if {@code totalWeight} is negative
   */
  public StoredBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(hash, "hash");
    if (totalWeight < 0) {
      throw new IllegalArgumentException("totalWeight must not be negative");
    }
  }

  /** The block number. */
  public long number() {
    return block.number();
  }

  /** The parent's block hash. */
  public Hash parentHash() {
    return block.header().parentHash();
  }
}
