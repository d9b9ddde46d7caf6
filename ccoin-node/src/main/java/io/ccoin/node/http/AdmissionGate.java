package io.ccoin.node.http;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Bounds the work of transaction submissions, so that a flood of them cannot take the CPU from
 * block production and import, and refuses what the node cannot take before paying for it. Every
 * refusal is {@code 503 not_ready} with {@code Retry-After}. Thread-safe.
 *
 * <ul>
 *   <li><b>Places.</b> At most {@code concurrency} submissions are checked at once and at most
 *       {@code queue} more wait their turn; any beyond are refused by {@link #enter()}, before their
 *       body is read. A request counts from {@link #enter()} to {@link Ticket#close()}, but takes a
 *       place of work only in {@link Ticket#work(int)}, once its body is in, so a slow upload holds a
 *       waiting place, not a working one. A single transaction that finds a place of work free takes
 *       it even when batches wait for one, so that a batch flood does not queue it behind them.</li>
 *   <li><b>Transactions in flight.</b> {@link Ticket#work(int)} reserves the submission's entries
 *       until {@link Ticket#close()}. A batch whose entries would take the reserved total above
 *       {@code maxInFlight} is refused (unless nothing else is reserved, so a batch larger than the
 *       bound is checked alone); a single transaction is bounded by the places only, so that a batch
 *       flood cannot shut out clients who submit one at a time.</li>
 *   <li><b>Pool room.</b> {@code poolRoom} (a cheap read, no lock) says how many more transactions
 *       the pool can take. {@link #enter()} refuses when it is not more than the transactions
 *       already reserved, and {@link Ticket#work(int)} refuses a submission whose entries do not fit
 *       in what is left (unless nothing else is reserved: then it goes in and fills what it can).
 *       Both before any transaction is decoded or its signature verified.</li>
 * </ul>
 */
final class AdmissionGate {
  /** Seconds a refused client is told to wait. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final Semaphore working;
  private final int capacity;
  private final int maxInFlight;
  private final IntSupplier poolRoom;
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder refused = new LongAdder();
  private final LongAdder refusedPoolFull = new LongAdder();

  /** A gate without a pool to watch (its room is taken as unbounded). */
  AdmissionGate(int concurrency, int queue) {
    this(concurrency, queue, Integer.MAX_VALUE, () -> Integer.MAX_VALUE);
  }

  AdmissionGate(int concurrency, int queue, int maxInFlight, IntSupplier poolRoom) {
    if (concurrency < 1 || queue < 0 || maxInFlight < 1) {
      throw new IllegalArgumentException("concurrency and maxInFlight must be positive and queue not negative");
    }
    this.working = new Semaphore(concurrency, true);
    this.capacity = concurrency + queue;
    this.maxInFlight = maxInFlight;
    this.poolRoom = Objects.requireNonNull(poolRoom, "poolRoom");
  }

  /** A place in the gate: close it when the request is done. */
  final class Ticket implements AutoCloseable {
    private boolean working;
    private int reserved;
    private boolean closed;

    /**
     * Reserves {@code transactions} (the entries of this submission, at least 1) and waits for a
     * place of work (the queue is bounded, so the wait is too); {@code 503 not_ready} when the
     * transactions in flight or the pool's room do not allow them. Call once the body is in and
     * its entries are counted, before any is decoded.
     */
    void work(int transactions) {
      if (working || closed) {
        return;
      }
      int n = Math.max(1, transactions);
      reserve(n);
      reserved = n;
      if (n > 1 || !AdmissionGate.this.working.tryAcquire()) {
        AdmissionGate.this.working.acquireUninterruptibly();
      }
      working = true;
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
      if (reserved > 0) {
        inFlight.addAndGet(-reserved);
      }
      inside.decrementAndGet();
    }
  }

  /**
   * A place for one more submission, or {@code 503 not_ready} with {@code Retry-After} when every
   * place is taken or the pool has no room beyond the transactions already in flight.
   */
  Ticket enter() {
    if (inside.incrementAndGet() > capacity) {
      inside.decrementAndGet();
      refused.increment();
      throw ApiException.notReady("the node is busy admitting other transactions; retry in " + RETRY_AFTER_SECONDS + " s",
          RETRY_AFTER_SECONDS);
    }
    if ((long) poolRoom.getAsInt() - inFlight.get() <= 0) {
      inside.decrementAndGet();
      throw poolFull();
    }
    return new Ticket();
  }

  private void reserve(int n) {
    long room = poolRoom.getAsInt();
    while (true) {
      int now = inFlight.get();
      if (now > 0 && room - now < n) {
        throw poolFull();
      }
      if (now > 0 && n > 1 && (long) now + n > maxInFlight) {
        refused.increment();
        throw ApiException.notReady("the node is already admitting " + now + " transactions; retry in " + RETRY_AFTER_SECONDS + " s",
            RETRY_AFTER_SECONDS);
      }
      if (now == 0 && room <= 0) {
        throw poolFull();
      }
      if (inFlight.compareAndSet(now, now + n)) {
        return;
      }
    }
  }

  private ApiException poolFull() {
    refused.increment();
    refusedPoolFull.increment();
    return ApiException.notReady("the transaction pool is full; retry in " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
  }

  /** Submissions refused with {@code 503}, for any reason. */
  long refused() {
    return refused.sum();
  }

  /** Of {@link #refused()}, those refused because the pool had no room for them. */
  long refusedPoolFull() {
    return refusedPoolFull.sum();
  }

  /** Submissions being checked or waiting now. */
  int inside() {
    return inside.get();
  }

  /** Transactions reserved by the submissions being checked or waiting for a place of work. */
  int inFlight() {
    return inFlight.get();
  }
}
