package io.ccoin.store.mapdb.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The thread a store does its file I/O on. An interrupt of a thread inside {@code FileChannel} I/O
 * closes the channel ({@code ClosedByInterruptException}), after which the store could not commit
 * again; so the store's commits and opens run here, on a thread nobody else can interrupt, while
 * the caller waits without reacting to interrupts and gets its interrupt flag back afterwards.
 * Reads need none of this: they go through memory maps, which interrupts do not affect.
 *
 * <p>Costs a hand-over to this thread and back per call (tens of microseconds), against the two
 * forced disk writes of a commit. Thread-safe; calls run one at a time, in the order made.
 */
public final class IoThread implements AutoCloseable {
  private final ExecutorService executor;
  private volatile Thread thread;

  public IoThread(String name) {
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      thread = t;
      return t;
    });
  }

  /**
   * Runs {@code task} on the I/O thread and returns its result, or throws what it threw (a checked
   * exception wrapped in an {@link IllegalStateException}, which the store's tasks do not throw).
   * An interrupt of the caller meanwhile does not stop the wait; the caller's interrupt flag is set
   * again when this returns. Called from the I/O thread itself, it runs {@code task} at once.
   */
  public <T> T call(Callable<T> task) {
    if (Thread.currentThread() == thread) {
      return runHere(task);
    }
    Future<T> f = executor.submit(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // the task goes on; so does the wait
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Same as {@link #call} for a task without a result. */
  public void run(Runnable task) {
    call(() -> {
      task.run();
      return null;
    });
  }

  private static <T> T runHere(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets the thread end once its calls are done. Idempotent. */
  @Override
  public void close() {
    executor.shutdown();
  }
}
