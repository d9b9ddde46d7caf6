package io.ccoin.api;

import java.util.List;
import java.util.Objects;

/**
 * A block under validation with the values derived from its encoding computed once: its hash, its
 * proof-of-work hash, its encoded size and its transactions' hashes. ccoin-core builds these, so a
 * {@link ConsensusRule} reads them without hashing or encoding again. Immutable. The record does
 * not check that the values match the block: the chain that builds it does.
 *
 * @param block the block
 * @param hash the block hash (of the sealed header's encoding)
 * @param powHash the proof-of-work hash (of the unsealed header's encoding)
 * @param size the block's encoded size in bytes
 * @param txHashes the transactions' hashes, in block order; copied, unmodifiable
 */
public record BlockCandidate(Block block, Hash hash, Hash powHash, long size, List<Hash> txHashes) {
  /**
   * @throws IllegalArgumentException if there is not exactly one hash per transaction
   */
  public BlockCandidate {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(powHash, "powHash");
    txHashes = List.copyOf(txHashes);
    if (txHashes.size() != block.transactions().size()) {
      throw new IllegalArgumentException("one hash per transaction needed");
    }
  }

  /** The block's unsealed header. */
  public BlockHeader header() {
    return block.header();
  }
}
