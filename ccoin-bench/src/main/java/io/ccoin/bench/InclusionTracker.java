package io.ccoin.bench;

import io.ccoin.api.Hash;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds out when the load generator's transactions are mined, from one node's view: it follows
 * that node's canonical chain block by block ({@code GET /status} for the head's number, then
 * {@code GET /blocks/{n}} for each new block) and stamps each of the run's transactions with the
 * time of the answer that first showed it in a block, so the stamps are late by at most one round
 * ({@link #roundMillis}). Two requests per round and one per block, whatever the number of senders,
 * so tracking adds little load to the node it watches.
 *
 * <p>When a block's parent is not the block it followed at the number below (a reorganisation),
 * it steps back and reads the new branch; a transaction first seen in a block that was then
 * reorganised away keeps its first stamp (a devnet's reorganisations are one block deep, and the
 * transaction is normally in the replacing block). It also keeps the timestamp of each block it
 * followed, from the head before the run on ({@link #blockTimestamps}), for the gaps between
 * blocks ({@link BlockGaps}). One thread. Thread-safe to query.
 */
final class InclusionTracker implements AutoCloseable {
  private final URI node;
  private final Map<Hash, Integer> runIndex;
  private final long[] minedNanos;
  private final long startAfter;
  private final long pauseMillis;
  private final LongAdder mined = new LongAdder();
  private final Map<String, LongAdder> minedByMiner = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> timestamps = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final LongAdder rounds = new LongAdder();
  private final AtomicLong roundNanos = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile IOException failure;

  /**
   * @param runIndex each of the run's transactions by hash, to its index in the run
   * @param minedNanos filled in with {@link System#nanoTime} when a transaction is seen mined
   * @param startAfter the head's number before the run: blocks from the next one on are read
   */
  InclusionTracker(URI node, Map<Hash, Integer> runIndex, long[] minedNanos, long startAfter, long pauseMillis) {
    this.node = node;
    this.runIndex = runIndex;
    this.minedNanos = minedNanos;
    this.startAfter = startAfter;
    this.pauseMillis = pauseMillis;
    this.thread = new Thread(this::follow, "inclusion-tracker");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void follow() {
    Map<Long, Hash> followed = new HashMap<>();
    long next = startAfter + 1;
    try (ApiClient api = new ApiClient(node)) {
      api.block(startAfter).ifPresent(b -> {
        followed.put(startAfter, b.hash());
        timestamps.put(startAfter, b.timestamp());
      });
      while (running) {
        long start = System.nanoTime();
        long head = api.status().head();
        while (running && next <= head) {
          var block = api.block(next);
          if (block.isEmpty()) {
            break; // the chain got shorter (a reorganisation to a heavier, shorter branch)
          }
          Hash below = followed.get(next - 1);
          if (below != null && !below.equals(block.get().parentHash())) {
            followed.remove(next - 1);
            timestamps.tailMap(next - 1).clear();
            next = Math.max(startAfter + 1, next - 1); // read the new branch from the block below
            continue;
          }
          long now = System.nanoTime();
          for (Hash tx : block.get().txHashes()) {
            Integer i = runIndex.get(tx);
            if (i != null && minedNanos[i] == 0) {
              minedNanos[i] = now;
              mined.increment();
              minedByMiner.computeIfAbsent(block.get().miner(), m -> new LongAdder()).increment();
            }
          }
          followed.put(next, block.get().hash());
          timestamps.put(next, block.get().timestamp());
          followed.remove(next - 64);
          next++;
        }
        rounds.increment();
        roundNanos.addAndGet(System.nanoTime() - start);
        Thread.sleep(pauseMillis);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many of the run's transactions were seen mined so far. */
  long mined() {
    return mined.sum();
  }

  /** How many of the run's transactions were seen mined so far, by the address (hex) of the block's miner. */
  Map<String, Long> minedByMiner() {
    Map<String, Long> out = new HashMap<>();
    minedByMiner.forEach((m, n) -> out.put(m, n.sum()));
    return out;
  }

  /** The timestamps (ms) of the blocks followed so far, by number, from the head before the run on. */
  java.util.SortedMap<Long, Long> blockTimestamps() {
    return new java.util.TreeMap<>(timestamps);
  }

  /** The mean time of one round, in milliseconds: the resolution of the stamps. */
  double roundMillis() {
    long n = rounds.sum();
    return n == 0 ? 0 : roundNanos.get() / 1e6 / n + pauseMillis;
  }

  /** The error that stopped the tracker, if any. */
  IOException failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
