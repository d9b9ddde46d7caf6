package io.ccoin.net.internal.gossip;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.net.internal.peer.NetworkThread;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Transactions received from peers that wait to be checked and admitted, on the network thread,
 * without delaying the blocks that arrive meanwhile.
 *
 * <p>What arrives is cut into chunks of at most {@value #CHUNK} transactions, and at most one
 * admission task is ever queued on the network thread: it admits one chunk and then queues itself
 * again, behind whatever reached the thread meanwhile. So a block frame waits behind one chunk's
 * signature checks at most, not behind the whole backlog (which queuing a task per {@code TXS}
 * frame did: up to {@code txQueueLimit} transactions, several hundred ms of checks on a loaded
 * node, between a block's arrival and its import).
 *
 * <p>The queue holds at most {@code limit} transactions; the caller asks {@link #hasRoomFor} first.
 * Confined to the network thread.
 *
 * @param <S> who sent the transactions (a peer)
 */
final class AdmissionQueue<S> {
  /** The most transactions one network-thread task checks. */
  static final int CHUNK = 256;

  /** Transactions from one sender, checked in one task. */
  record Chunk<S>(S from, List<Transaction> txs, List<Hash> hashes) {}

  private final NetworkThread loop;
  private final int limit;
  private final Consumer<Chunk<S>> admit;
  private final ArrayDeque<Chunk<S>> chunks = new ArrayDeque<>();
  private final Set<Hash> queued = new HashSet<>();
  private int size;
  private boolean scheduled;

  /**
   * @param loop the network thread
   * @param limit the most transactions that may wait
   * @param admit checks and admits one chunk, on the network thread
   */
  AdmissionQueue(NetworkThread loop, int limit, Consumer<Chunk<S>> admit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
    this.loop = loop;
    this.limit = limit;
    this.admit = admit;
  }

  /** Transactions waiting now. */
  int size() {
    return size;
  }

  /** True when the transaction with this hash waits. */
  boolean contains(Hash hash) {
    return queued.contains(hash);
  }

  /** True when {@code count} more transactions fit. */
  boolean hasRoomFor(int count) {
    return size + (long) count <= limit;
  }

  /**
   * Queues {@code txs} (with their hashes, in the same order) from {@code from}, in chunks.
   *
   * @throws IllegalStateException if they do not fit ({@link #hasRoomFor})
   */
  void add(S from, List<Transaction> txs, List<Hash> hashes) {
    if (txs.size() != hashes.size()) {
      throw new IllegalArgumentException(txs.size() + " transactions but " + hashes.size() + " hashes");
    }
    if (!hasRoomFor(txs.size())) {
      throw new IllegalStateException(txs.size() + " more transactions do not fit: " + size + " of " + limit + " wait");
    }
    for (int start = 0; start < txs.size(); start += CHUNK) {
      int end = Math.min(txs.size(), start + CHUNK);
      chunks.add(new Chunk<>(from, List.copyOf(txs.subList(start, end)), List.copyOf(hashes.subList(start, end))));
    }
    queued.addAll(hashes);
    size += txs.size();
    schedule();
  }

  private void schedule() {
    if (!scheduled && !chunks.isEmpty()) {
      scheduled = true;
      loop.execute(this::admitOne);
    }
  }

  private void admitOne() {
    scheduled = false;
    Chunk<S> next = chunks.poll();
    if (next == null) {
      return;
    }
    size -= next.txs().size();
    next.hashes().forEach(queued::remove);
    try {
      admit.accept(next);
    } finally {
      schedule();
    }
  }
}
