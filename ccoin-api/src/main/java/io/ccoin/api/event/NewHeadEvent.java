package io.ccoin.api.event;

import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import java.util.Objects;

/**
 * The canonical chain has a new head block. Fired once per head change, after the change is stored
 * and the new head is visible to queries; after a reorg it follows the {@link ReorgEvent}. Immutable.
 *
 * @param head the new head block
 * @param hash its block hash
 * @param totalWeight the fork-choice weight of the chain that ends in it
 */
public record NewHeadEvent(Block head, Hash hash, long totalWeight) {
  /**
   * @throws NullPointerException if {@code head} or {@code hash} is null
   */
  public NewHeadEvent {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(hash, "hash");
  }
}
