package io.ccoin.api;

import java.util.Objects;

/**
 * One entry of the address index: a canonical transaction that {@code address} sent or received
 * (it is the transaction's sender or recipient), at index {@code index} of block {@code blockNumber}.
 * Entries of one address are ordered by (block number, index); the index lists them newest first.
 * Immutable.
 *
 * @param address the sender or recipient the entry is indexed under
 * @param blockNumber the number of the canonical block holding the transaction
 * @param index the transaction's position in that block, from 0
 * @param txHash the transaction's hash
 */
public record AccountTx(Address address, long blockNumber, int index, Hash txHash) {
  /**
   * @throws IllegalArgumentException if {@code blockNumber} or {@code index} is negative
   */
  public AccountTx {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(txHash, "txHash");
    if (blockNumber < 0 || index < 0) {
      throw new IllegalArgumentException("block number and index must not be negative");
    }
  }

  /**
   * The entry's key in the index: the address and the transaction's place on the chain.
   *
   * @return a new key; cheap
   */
  public Key key() {
    return new Key(address, blockNumber, index);
  }

  /**
   * Where an entry sits: an address and a place (block number, index) on the canonical chain.
   *
   * @param address the address the entry is indexed under
   * @param blockNumber the block number of the place
   * @param index the transaction's position in that block
   */
  public record Key(Address address, long blockNumber, int index) implements Comparable<Key> {
    /**
     * @throws IllegalArgumentException if {@code blockNumber} or {@code index} is negative
     */
    public Key {
      Objects.requireNonNull(address, "address");
      if (blockNumber < 0 || index < 0) {
        throw new IllegalArgumentException("block number and index must not be negative");
      }
    }

    /** By address bytes (unsigned), then block number, then index. */
    @Override
    public int compareTo(Key o) {
      int c = address.compareTo(o.address);
      if (c != 0) {
        return c;
      }
      c = Long.compare(blockNumber, o.blockNumber);
      return c != 0 ? c : Integer.compare(index, o.index);
    }
  }
}
