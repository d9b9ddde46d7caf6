package io.ccoin.api;

import java.util.Objects;

/**
 * A block as the store keeps it, with its hash and the total weight of the chain that ends in it
 * (SPEC 7 fork choice), so that neither needs recomputing on reopen.
 */
public record StoredBlock(Block block, Hash hash, long totalWeight) {
  public StoredBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(hash, "hash");
    if (totalWeight < 0) {
      throw new IllegalArgumentException("totalWeight must not be negative");
    }
  }

  public long number() {
    return block.number();
  }

  public Hash parentHash() {
    return block.header().parentHash();
  }
}
