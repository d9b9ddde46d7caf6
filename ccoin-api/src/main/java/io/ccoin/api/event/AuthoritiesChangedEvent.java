package io.ccoin.api.event;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The authority set in force after the canonical head changed (SPEC 7.1): a vote passed in the
 * block {@code blockHash} at {@code number}, or a reorg moved the head to a branch with another set.
 * {@code authorities} is the new set, sorted ascending in unsigned byte order, in force from block
 * {@code number + 1}; {@code added} and {@code removed} are the differences from the set in force
 * after the previous head, each sorted. Only version 2 networks fire it. Immutable.
 *
 * @param number the number of the new canonical head
 * @param blockHash the hash of the new canonical head
 * @param authorities the set in force after it, sorted; copied, unmodifiable
 * @param added the authorities not in the previous set, sorted
 * @param removed the authorities of the previous set no longer in it, sorted
 */
public record AuthoritiesChangedEvent(long number, Hash blockHash, List<Address> authorities, List<Address> added,
    List<Address> removed) {
  /**
   * @throws NullPointerException if the hash or a list is null
   */
  public AuthoritiesChangedEvent {
    Objects.requireNonNull(blockHash, "blockHash");
    authorities = List.copyOf(authorities);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
