package io.ccoin.api;

import java.util.Objects;

/**
 * One entry of the address index: a canonical transaction that {@code address} sent or received
 * (it is the transaction's sender or recipient), at index {@code index} of block {@code blockNumber}.
 * Entries of one address are ordered by (block number, index); the index lists them newest first.
 */
public record AccountTx(Address address, long blockNumber, int index, Hash txHash) {
  public AccountTx {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(txHash, "txHash");
    if (blockNumber < 0 || index < 0) {
      throw new IllegalArgumentException("block number and index must not be negative");
    }
  }

  /** The entry's key in the index: the address and the transaction's place on the chain. */
  public Key key() {
    return new Key(address, blockNumber, index);
  }

  /** Where an entry sits: an address and a place (block number, index) on the canonical chain. */
  public record Key(Address address, long blockNumber, int index) implements Comparable<Key> {
    public Key {
      Objects.requireNonNull(address, "address");
      if (blockNumber < 0 || index < 0) {
        throw new IllegalArgumentException("block number and index must not be negative");
      }
    }

    /** By address bytes (unsigned), then block number, then index. */
    @Override
    public int compareTo(Key o) {
      int c = java.util.Arrays.compareUnsigned(address.toArray(), o.address.toArray());
      if (c != 0) {
        return c;
      }
      c = Long.compare(blockNumber, o.blockNumber);
      return c != 0 ? c : Integer.compare(index, o.index);
    }
  }
}
