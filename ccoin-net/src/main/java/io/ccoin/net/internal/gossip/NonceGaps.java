package io.ccoin.net.internal.gossip;

import io.ccoin.api.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The senders some of whose gossiped transactions this node dropped unchecked (a full admission
 * queue), each with the lowest nonce it may still lack: a later nonce of such a sender would only
 * wait in the pool as {@code future} behind the missing one, which no peer sends again, so it is
 * dropped too until the node has every nonce before it (from a peer, its own API or a block).
 *
 * <p>Bounded: at most {@link #capacity} senders, the least recently touched forgotten first (a
 * forgotten sender's later transactions are accepted again, as before there was a record). Not
 * thread-safe: confined to the network thread.
 */
final class NonceGaps {
  /** Senders remembered by default: about 1.5 MiB. */
  static final int DEFAULT_CAPACITY = 16_384;

  private final int capacity;
  private final LinkedHashMap<Address, long[]> expected;

  NonceGaps(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.expected = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Address, long[]> eldest) {
        return size() > NonceGaps.this.capacity;
      }
    };
  }

  /** True when no sender has a gap: nothing needs checking. */
  boolean isEmpty() {
    return expected.isEmpty();
  }

  /** The sender's transaction with this nonce was dropped: the sender now lacks it (or an earlier one). */
  void dropped(Address sender, long nonce) {
    long[] next = expected.get(sender);
    if (next == null) {
      expected.put(sender, new long[] {nonce});
    } else if (nonce < next[0]) {
      next[0] = nonce;
    }
  }

  /**
   * Whether a transaction of {@code sender} with {@code nonce} may be queued: always without a
   * record; with one, when it does not come after a nonce this node still lacks. A nonce equal to
   * the one awaited fills the gap, and the next one is awaited. {@code pendingNonce} gives the
   * sender's next nonce counting the pool (the pool or a block may have filled the gap since); it is
   * asked only for a nonce beyond the one awaited.
   */
  boolean admits(Address sender, long nonce, ToLongFunction<Address> pendingNonce) {
    long[] next = expected.get(sender);
    if (next == null) {
      return true;
    }
    if (nonce > next[0]) {
      next[0] = Math.max(next[0], pendingNonce.applyAsLong(sender));
    }
    if (nonce < next[0]) {
      return true;
    }
    if (nonce == next[0]) {
      next[0]++;
      return true;
    }
    return false;
  }

  /** Senders with a record now. */
  int size() {
    return expected.size();
  }
}
