package io.ccoin.api.event;

import io.ccoin.api.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The canonical chain switched branches: {@code dropped} blocks (newest first) left it and
 * {@code added} blocks (oldest first) joined it above {@code commonAncestor}. Fired once the switch
 * is stored, before the {@link NewHeadEvent} of the new head. Immutable.
 *
 * @param oldHead the head before the switch
 * @param newHead the head after it
 * @param commonAncestor the newest block on both branches
 * @param dropped the blocks that left the canonical chain, newest first; unmodifiable
 * @param added the blocks that joined it, oldest first; unmodifiable
 */
public record ReorgEvent(Hash oldHead, Hash newHead, Hash commonAncestor, List<Hash> dropped, List<Hash> added) {
  /**
   * @throws NullPointerException if an argument is null
   */
  public ReorgEvent {
    Objects.requireNonNull(oldHead, "oldHead");
    Objects.requireNonNull(newHead, "newHead");
    Objects.requireNonNull(commonAncestor, "commonAncestor");
    dropped = List.copyOf(dropped);
    added = List.copyOf(added);
  }
}
