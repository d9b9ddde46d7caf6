package io.ccoin.api;

import java.util.Objects;

/**
 * Where a confirmed transaction sits: its block and its index in that block. Immutable.
 *
 * @param blockHash the hash of the canonical block holding it
 * @param blockNumber that block's number
 * @param index the transaction's position in the block, from 0
 */
public record TxLocation(Hash blockHash, long blockNumber, int index) {
  /**
   * @throws IllegalArgumentException if {@code blockNumber} or {@code index} is negative
   */
  public TxLocation {
    Objects.requireNonNull(blockHash, "blockHash");
    if (blockNumber < 0 || index < 0) {
      throw new IllegalArgumentException("block number and index must not be negative");
    }
  }
}
