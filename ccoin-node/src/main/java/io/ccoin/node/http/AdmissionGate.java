package io.ccoin.node.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the work of transaction submissions, so that a flood of them cannot take the CPU from
 * block production and import: at most {@code concurrency} submissions are checked at once, at most
 * {@code queue} more wait their turn, and any beyond are refused at once, before their body is read,
 * with {@code 503 not_ready} and {@code Retry-After}. A request counts from {@link #enter()} (before
 * its body is read) to {@link Ticket#close()}, but only takes a place of work ({@link Ticket#work()})
 * once its body is in, so a slow upload holds a waiting place, not a working one. Thread-safe.
 */
final class AdmissionGate {
  /** Seconds a refused client is told to wait. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final Semaphore working;
  private final int capacity;
  private final AtomicInteger inside = new AtomicInteger();
  private final LongAdder refused = new LongAdder();

  AdmissionGate(int concurrency, int queue) {
    if (concurrency < 1 || queue < 0) {
      throw new IllegalArgumentException("concurrency must be positive and queue not negative");
    }
    this.working = new Semaphore(concurrency, true);
    this.capacity = concurrency + queue;
  }

  /** A place in the gate: close it when the request is done. */
  final class Ticket implements AutoCloseable {
    private boolean working;
    private boolean closed;

    /** Waits for a place of work (the queue is bounded, so the wait is too). */
    void work() {
      if (!working) {
        AdmissionGate.this.working.acquireUninterruptibly();
        working = true;
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (working) {
        AdmissionGate.this.working.release();
      }
      inside.decrementAndGet();
    }
  }

  /** A place for one more submission, or {@code 503 not_ready} with {@code Retry-After} when every place is taken. */
  Ticket enter() {
    if (inside.incrementAndGet() > capacity) {
      inside.decrementAndGet();
      refused.increment();
      throw ApiException.notReady("the node is busy admitting other transactions; retry in " + RETRY_AFTER_SECONDS + " s",
          RETRY_AFTER_SECONDS);
    }
    return new Ticket();
  }

  /** Submissions refused because every place was taken. */
  long refused() {
    return refused.sum();
  }

  /** Submissions being checked or waiting now. */
  int inside() {
    return inside.get();
  }
}
