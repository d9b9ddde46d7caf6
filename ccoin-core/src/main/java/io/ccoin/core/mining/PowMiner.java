package io.ccoin.core.mining;

import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.BlockSigner;
import io.ccoin.api.BlockTemplate;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Miner;
import io.ccoin.api.SealedHeader;
import io.ccoin.core.Hashes;
import io.ccoin.core.pow.ProofOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The proof-of-work {@link Miner} (SPEC 5, 7): grinds {@code powNonce} on a fixed set of worker
 * threads, then signs {@code "ccoin/block/v1" || powHash} with the template's signer.
 *
 * <p><b>Threads.</b> The miner starts its {@code threads} workers when constructed and keeps them
 * until {@link #close()}; between jobs they sleep on a condition and use no CPU. Unless a
 * {@link ThreadFactory} is given, they are daemon threads named {@code <name>-0 … <name>-(T-1)}.
 *
 * <p><b>Search.</b> Worker {@code k} of {@code T} tries the nonces {@code k, k+T, k+2T, …} of every
 * job, in chunks of {@value #CHUNK} nonces, each with a {@link ProofOfWork} that has hashed the
 * header's constant prefix once. Between chunks it checks whether the job is still wanted, so a
 * cancelled job stops within one chunk (about a millisecond). With one thread the result is the
 * smallest nonce that meets the difficulty; with more, whichever worker finds one first wins.
 *
 * <p><b>Concurrent jobs.</b> {@link #mine} may be called while other jobs run: jobs run
 * concurrently, every worker taking one chunk of each active job in turn, so a job never waits for
 * an earlier one to finish (the usual pattern is to cancel the stale attempt and start a new one).
 *
 * <p><b>Results.</b> The future returned by {@link #mine} completes
 * <ul>
 *   <li>with the sealed block: the template's header with the found {@code powNonce} (every other
 *       field unchanged), the signer's public key and its signature, and the template's
 *       transactions;</li>
 *   <li>exceptionally with whatever the signer threw, if signing fails;</li>
 *   <li>exceptionally with {@link IllegalArgumentException} if the difficulty exceeds 64 hex digits
 *       (no hash can meet it), or {@link IllegalStateException} if the miner is closed or (in
 *       theory) every nonce up to {@link Long#MAX_VALUE} fails;</li>
 *   <li>as cancelled when the caller cancels it ({@code cancel(true)} or {@code cancel(false)}) or
 *       the miner is closed; the workers then drop the job within a chunk.</li>
 * </ul>
 * The future is completed on a worker thread, so dependent stages registered with the non-async
 * methods ({@code thenAccept}, …) run on it and hold it up; use the {@code *Async} variants for
 * slow work. Completing the future by other means (e.g. {@code complete}) also stops the job.
 *
 * <p>Thread-safe. {@link #close()} does not wait for the workers to exit; they do so within a
 * chunk, and {@link #awaitTermination} waits for that.
 */
public final class PowMiner implements Miner {
  /** Nonces a worker tries before checking again whether its job is still wanted. */
  public static final int CHUNK = 4096;

  /** The highest difficulty (zero hex digits of a 32-byte hash) a hash can meet. */
  private static final long MAX_DIFFICULTY = 64;

  private final int threadCount;
  private final Thread[] workers;
  private final CopyOnWriteArrayList<Job> jobs = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final AtomicLong hashes = new AtomicLong();
  private volatile boolean closed;

  /** A miner with one daemon worker per available processor, named {@code ccoin-miner-k}. */
  public PowMiner() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** A miner with {@code threads} daemon workers named {@code ccoin-miner-k}. */
  public PowMiner(int threads) {
    this(threads, "ccoin-miner");
  }

  /** A miner with {@code threads} daemon workers named {@code name-0 … name-(threads-1)}. */
  public PowMiner(int threads, String name) {
    this(threads, daemonFactory(Objects.requireNonNull(name, "name")));
  }

  /**
   * A miner whose {@code threads} workers come from {@code factory} (which decides their names,
   * daemon status and priority).
   */
  public PowMiner(int threads, ThreadFactory factory) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    Objects.requireNonNull(factory, "factory");
    this.threadCount = threads;
    this.workers = new Thread[threads];
    for (int k = 0; k < threads; k++) {
      Thread t = factory.newThread(new Worker(k));
      if (t == null) {
        throw new IllegalStateException("the thread factory returned no thread");
      }
      workers[k] = t;
    }
    for (Thread t : workers) {
      t.start();
    }
  }

  private static ThreadFactory daemonFactory(String name) {
    AtomicInteger next = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + next.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts mining {@code template} and returns at once; see the class description for how the
   * returned future completes.
   *
   * @throws NullPointerException if {@code template} is null
   */
  @Override
  public CompletableFuture<Block> mine(BlockTemplate template) {
    Objects.requireNonNull(template, "template");
    long difficulty = template.header().difficulty();
    if (difficulty > MAX_DIFFICULTY) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "difficulty " + difficulty + " exceeds " + MAX_DIFFICULTY + " hex digits; no hash meets it"));
    }
    Job job = new Job(template, threadCount);
    lock.lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the miner is closed"));
      }
      jobs.add(job);
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    // Runs on whichever thread completes the future (a worker, a canceller, close()).
    job.future.whenComplete((block, error) -> jobs.remove(job));
    return job.future;
  }

  /** The number of worker threads. */
  public int threads() {
    return threadCount;
  }

  /** The jobs not yet completed or cancelled. */
  public int activeJobs() {
    return jobs.size();
  }

  /** The nonces tried since construction, over all jobs (updated once per chunk). */
  public long hashCount() {
    return hashes.get();
  }

  /** True once {@link #close()} has been called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Cancels every job, fails later {@link #mine} calls with {@link IllegalStateException} and lets
   * the workers exit (within a chunk). Does not wait for them; see {@link #awaitTermination}.
   * Idempotent; safe to call from a worker (e.g. in a dependent stage of a mined future).
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    for (Job job : jobs) {
      job.future.cancel(false);
    }
  }

  /**
   * Waits up to {@code timeout} for every worker to exit after {@link #close()}. Returns true when
   * all have exited; false on timeout, if the miner is not closed, or if called from a worker (which
   * cannot exit while it waits).
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    if (!closed) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : workers) {
      if (t == Thread.currentThread()) {
        return false;
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(t, left);
      }
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "PowMiner[threads=" + threadCount + ", activeJobs=" + jobs.size() + (closed ? ", closed" : "") + "]";
  }

  /** One mining attempt. Slot {@code k} of the arrays belongs to worker {@code k} alone. */
  private static final class Job {
    final BlockTemplate template;
    final CompletableFuture<Block> future = new CompletableFuture<>();
    /** Set by the first worker to find a nonce; the others then leave the job alone. */
    final AtomicBoolean found = new AtomicBoolean();
    final AtomicInteger exhausted = new AtomicInteger();
    final ProofOfWork[] pows;
    final long[] next;

    Job(BlockTemplate template, int threads) {
      this.template = template;
      this.pows = new ProofOfWork[threads];
      this.next = new long[threads];
      for (int k = 0; k < threads; k++) {
        next[k] = k;
      }
    }

    boolean wanted() {
      return !found.get() && !future.isDone();
    }
  }

  private final class Worker implements Runnable {
    private final int k;
    private final long span;

    Worker(int k) {
      this.k = k;
      this.span = (long) CHUNK * threadCount;
    }

    @Override
    public void run() {
      while (true) {
        List<Job> snapshot = awaitJobs();
        if (snapshot == null) {
          return;
        }
        for (Job job : snapshot) {
          if (closed) {
            return;
          }
          if (job.wanted()) {
            try {
              step(job);
            } catch (Throwable t) {
              job.future.completeExceptionally(t);
              if (t instanceof VirtualMachineError vme) {
                throw vme;
              }
            }
          }
        }
      }
    }

    /**
     * The active jobs, waiting while none is wanted (a job stays listed while its finder signs
     * the block: spinning over it would take a core from the signer); null once closed.
     */
    private List<Job> awaitJobs() {
      lock.lock();
      try {
        while (!closed && jobs.stream().noneMatch(Job::wanted)) {
          try {
            workAvailable.await();
          } catch (InterruptedException e) {
            // Not used to stop workers (close() signals); keep waiting unless closed.
          }
        }
        return closed ? null : new ArrayList<>(jobs);
      } finally {
        lock.unlock();
      }
    }

    /** Searches one chunk of this worker's share of {@code job}'s nonces. */
    private void step(Job job) {
      long from = job.next[k];
      if (from < 0) {
        return; // this worker's share is exhausted
      }
      ProofOfWork pow = job.pows[k];
      if (pow == null) {
        pow = new ProofOfWork(job.template.header());
        job.pows[k] = pow;
      }
      boolean overflow = from > Long.MAX_VALUE - span;
      long limit = overflow ? Long.MAX_VALUE : from + span;
      long nonce = pow.search(from, threadCount, limit);
      if (nonce >= 0) {
        hashes.addAndGet((nonce - from) / threadCount + 1);
        seal(job, nonce);
        return;
      }
      hashes.addAndGet((limit - from + threadCount - 1) / threadCount);
      if (overflow) {
        job.next[k] = -1;
        if (job.exhausted.incrementAndGet() == threadCount) {
          job.future.completeExceptionally(new IllegalStateException(
              "no nonce up to Long.MAX_VALUE meets difficulty " + job.template.header().difficulty()));
        }
      } else {
        job.next[k] = limit;
      }
    }

    private void seal(Job job, long nonce) {
      if (!job.found.compareAndSet(false, true) || job.future.isDone()) {
        return;
      }
      BlockTemplate template = job.template;
      BlockHeader header = template.header().withPowNonce(nonce);
      Hash powHash = Hashes.powHash(header);
      if (!ProofOfWork.meetsDifficulty(powHash, header.difficulty())) {
        throw new IllegalStateException("nonce " + nonce + " does not meet the difficulty");
      }
      BlockSigner signer = template.signer();
      Bytes signature = signer.sign(Hashes.blockSigningMessage(powHash));
      SealedHeader sealed = new SealedHeader(header, signer.publicKey(), signature);
      job.future.complete(new Block(sealed, template.transactions()));
    }
  }
}
