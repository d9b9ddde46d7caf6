package io.ccoin.core.internal.chain;

import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;

/**
 * Evidence that a miner signed two different blocks at the same number (SPEC 7): both headers and
 * their hashes.
 */
public record Equivocation(Hash firstHash, BlockHeader first, Hash secondHash, BlockHeader second) {
  @Override
  public String toString() {
    return "equivocation by " + first.miner() + " at #" + first.number() + ": " + firstHash + " and " + secondHash;
  }
}
