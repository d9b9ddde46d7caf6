package io.ccoin.api.event;

import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import java.util.Objects;

/** The canonical chain has a new head block. */
public record NewHeadEvent(Block head, Hash hash, long totalWeight) {
  public NewHeadEvent {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(hash, "hash");
  }
}
