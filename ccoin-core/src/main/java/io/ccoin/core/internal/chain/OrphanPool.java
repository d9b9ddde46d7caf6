package io.ccoin.core.internal.chain;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks whose parent is unknown, held until it arrives (SPEC 9): bounded, the oldest dropped first.
 * Only blocks that passed the parent-free checks enter. Not thread-safe (the chain's lock guards it).
 */
final class OrphanPool {
  private final int capacity;
  private final LinkedHashMap<Hash, BlockCandidate> byHash = new LinkedHashMap<>();

  OrphanPool(int capacity) {
    this.capacity = capacity;
  }

  boolean contains(Hash hash) {
    return byHash.containsKey(hash);
  }

  void add(BlockCandidate c) {
    if (byHash.containsKey(c.hash())) {
      return;
    }
    if (byHash.size() >= capacity) {
      Iterator<Map.Entry<Hash, BlockCandidate>> it = byHash.entrySet().iterator();
      it.next();
      it.remove();
    }
    byHash.put(c.hash(), c);
  }

  /** Removes and returns the orphans whose parent is {@code parent}. */
  List<BlockCandidate> takeChildren(Hash parent) {
    List<BlockCandidate> out = new ArrayList<>();
    for (Iterator<BlockCandidate> it = byHash.values().iterator(); it.hasNext(); ) {
      BlockCandidate c = it.next();
      if (c.header().parentHash().equals(parent)) {
        out.add(c);
        it.remove();
      }
    }
    return out;
  }

  int size() {
    return byHash.size();
  }
}
