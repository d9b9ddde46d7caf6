package io.ccoin.core.internal.chain;

import io.ccoin.api.Address;
import io.ccoin.api.BlockCandidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Blocks too far ahead of the local clock (SPEC 7): at most one per miner and number, bounded;
 * when full the block furthest ahead is dropped. Not thread-safe (the chain's lock guards it).
 */
final class FuturePool {
  private record Key(Address miner, long number) {}

  private final int capacity;
  private final Map<Key, BlockCandidate> blocks = new HashMap<>();

  FuturePool(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code c} unless another block of the same miner and number waits already. */
  void add(BlockCandidate c) {
    Key key = new Key(c.header().miner(), c.header().number());
    if (blocks.containsKey(key)) {
      return;
    }
    blocks.put(key, c);
    if (blocks.size() > capacity) {
      blocks.values().stream()
          .max(Comparator.comparingLong((BlockCandidate b) -> b.header().timestamp()))
          .ifPresent(furthest -> blocks.remove(new Key(furthest.header().miner(), furthest.header().number())));
    }
  }

  /** Removes and returns, oldest first, the blocks whose timestamp is at most {@code latest}. */
  List<BlockCandidate> takeDue(long latest) {
    List<BlockCandidate> due = new ArrayList<>();
    for (Iterator<BlockCandidate> it = blocks.values().iterator(); it.hasNext(); ) {
      BlockCandidate c = it.next();
      if (c.header().timestamp() <= latest) {
        due.add(c);
        it.remove();
      }
    }
    due.sort(Comparator.comparingLong((BlockCandidate b) -> b.header().number()).thenComparingLong(b -> b.header().timestamp()));
    return due;
  }

  int size() {
    return blocks.size();
  }
}
