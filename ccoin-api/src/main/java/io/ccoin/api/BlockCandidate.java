package io.ccoin.api;

import java.util.List;
import java.util.Objects;

/**
 * A block under validation with the values derived from its encoding computed once: its hash, its
 * proof-of-work hash, its encoded size and its transactions' hashes. ccoin-core builds these.
 */
public record BlockCandidate(Block block, Hash hash, Hash powHash, long size, List<Hash> txHashes) {
  public BlockCandidate {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(powHash, "powHash");
    txHashes = List.copyOf(txHashes);
    if (txHashes.size() != block.transactions().size()) {
      throw new IllegalArgumentException("one hash per transaction needed");
    }
  }

  public BlockHeader header() {
    return block.header();
  }
}
