package io.ccoin.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is needed to roll the account state back over one canonical block: the state that every
 * account the block touched had before it ({@link Account#EMPTY} for accounts the block created).
 * Immutable.
 *
 * @param blockHash the block this record undoes
 * @param previous each touched account's state before the block; copied, unmodifiable, sorted by address
 */
public record BlockUndo(Hash blockHash, Map<Address, Account> previous) {
  /**
   * @throws NullPointerException if an argument, or a key or value of {@code previous}, is null
   */
  public BlockUndo {
    Objects.requireNonNull(blockHash, "blockHash");
    previous = java.util.Collections.unmodifiableMap(new TreeMap<>(previous));
  }
}
