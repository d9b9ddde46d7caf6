package io.ccoin.api.event;

import io.ccoin.api.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The canonical chain switched branches: {@code dropped} blocks (newest first) left it and
 * {@code added} blocks (oldest first) joined it above {@code commonAncestor}.
 */
public record ReorgEvent(Hash oldHead, Hash newHead, Hash commonAncestor, List<Hash> dropped, List<Hash> added) {
  public ReorgEvent {
    Objects.requireNonNull(oldHead, "oldHead");
    Objects.requireNonNull(newHead, "newHead");
    Objects.requireNonNull(commonAncestor, "commonAncestor");
    dropped = List.copyOf(dropped);
    added = List.copyOf(added);
  }
}
