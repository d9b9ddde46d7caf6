package io.ccoin.bench;

import io.ccoin.api.Address;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds out when the load generator's transactions are mined, from one node's view: it polls the
 * senders' accounts ({@code GET /accounts/{a}}) in a loop, and since a sender's transactions are
 * mined in nonce order, an account nonce that moved from {@code n} to {@code m} means the
 * transactions with nonces {@code n .. m-1} are in the chain. Each is stamped with the time of the
 * answer that showed it, so the stamps are late by at most one polling round ({@link #roundMillis}).
 * A few threads share the senders. Thread-safe.
 */
final class InclusionTracker implements AutoCloseable {
  /** Maps (sender, k-th transaction of that sender) to the transaction's index in the run. */
  @FunctionalInterface
  interface Indexer {
    int index(int sender, long k);
  }

  private final URI node;
  private final List<Address> senders;
  private final long[] baseNonce;
  private final long[] perSender;
  private final Indexer indexer;
  private final long[] minedNanos;
  private final LongAdder mined = new LongAdder();
  private final LongAdder rounds = new LongAdder();
  private final AtomicLong roundNanos = new AtomicLong();
  private final long pauseMillis;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private volatile IOException failure;

  /**
   * @param baseNonce each sender's account nonce before the run
   * @param perSender how many of the run's transactions each sender has
   * @param minedNanos filled in with {@link System#nanoTime} when a transaction is seen mined
   */
  InclusionTracker(URI node, List<Address> senders, long[] baseNonce, long[] perSender, Indexer indexer, long[] minedNanos,
      int threadCount, long pauseMillis) {
    this.node = node;
    this.senders = senders;
    this.baseNonce = baseNonce;
    this.perSender = perSender;
    this.indexer = indexer;
    this.minedNanos = minedNanos;
    this.pauseMillis = pauseMillis;
    for (int t = 0; t < threadCount; t++) {
      int share = t;
      Thread thread = new Thread(() -> poll(share, threadCount), "inclusion-tracker-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  private void poll(int share, int shares) {
    long[] seen = new long[senders.size()];
    try (ApiClient api = new ApiClient(node)) {
      while (running) {
        long start = System.nanoTime();
        for (int s = share; s < senders.size() && running; s += shares) {
          if (seen[s] >= perSender[s]) {
            continue;
          }
          long nonce = api.account(senders.get(s)).nonce();
          long now = System.nanoTime();
          long upTo = Math.min(perSender[s], nonce - baseNonce[s]);
          for (long k = seen[s]; k < upTo; k++) {
            minedNanos[indexer.index(s, k)] = now;
            mined.increment();
          }
          seen[s] = Math.max(seen[s], upTo);
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

  /** The mean time of one polling round, in milliseconds: the resolution of the stamps. */
  double roundMillis() {
    long n = rounds.sum();
    return n == 0 ? 0 : roundNanos.get() / 1e6 / n + pauseMillis;
  }

  /** The error that stopped a polling thread, if any. */
  IOException failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    try {
      for (Thread t : threads) {
        t.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
