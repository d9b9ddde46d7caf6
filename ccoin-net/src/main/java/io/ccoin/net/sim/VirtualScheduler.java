package io.ccoin.net.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link ScheduledExecutorService} in virtual time: tasks run only when the owner drives it with
 * {@link #runUntil} or {@link #runFor}, on the driving thread, in order of due time and then of
 * submission, and the virtual clock ({@link #clock()}) jumps from one due time to the next. Many
 * simulated nodes share one scheduler and one clock, so a whole network runs deterministically and
 * as fast as its work allows.
 *
 * <p>A task that throws is recorded in {@link #failures()} (a simulation should assert there are
 * none). Submitting is thread-safe; driving is meant for one thread. {@link #awaitTermination}
 * cannot wait for virtual time and only reports.
 */
public final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final Clock clock = new VirtualClock();
  private volatile long now;
  private long seq;
  private long executed;
  private boolean shutdown;

  /** A scheduler whose clock starts at {@code startMillis} (ms since the epoch). */
  public VirtualScheduler(long startMillis) {
    this.now = startMillis;
  }

  /** The virtual clock: it reads the time of the task being run. */
  public Clock clock() {
    return clock;
  }

  /** The current virtual time in milliseconds. */
  public long now() {
    return now;
  }

  /** How many tasks have run. */
  public synchronized long executed() {
    return executed;
  }

  /** The tasks waiting, cancelled ones included. */
  public synchronized int queued() {
    return queue.size();
  }

  /** Every exception a task threw, in order. */
  public synchronized List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /**
   * Runs tasks in order until {@code condition} holds (checked before the first task and after
   * each one) or the next task is due later than {@code maxTime} from now, in which case the clock
   * is moved to that limit.
   *
   * @return whether the condition held
   */
  public boolean runUntil(BooleanSupplier condition, Duration maxTime) {
    long deadline = Math.addExact(now, maxTime.toMillis());
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.time > deadline) {
          now = Math.max(now, deadline);
          return condition.getAsBoolean();
        }
        queue.poll();
        now = Math.max(now, next.time);
        executed++;
      }
      next.run();
    }
  }

  /** Runs every task due within {@code duration} from now, then sets the clock to that time. */
  public void runFor(Duration duration) {
    runUntil(() -> false, duration);
  }

  private synchronized <V> Task<V> enqueue(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("the virtual scheduler is shut down");
    }
    queue.add(task);
    return task;
  }

  private synchronized void requeue(Task<?> task) {
    if (!shutdown) {
      queue.add(task);
    }
  }

  private synchronized void failed(Throwable t) {
    failures.add(t);
  }

  private long dueIn(long delay, TimeUnit unit) {
    return Math.addExact(now, Math.max(0, unit.toMillis(delay)));
  }

  @Override
  public void execute(Runnable command) {
    enqueue(new Task<Void>(Executors.callable(command, null), now, 0));
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<Void>(Executors.callable(command, null), dueIn(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(callable, dueIn(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
    return enqueue(new Task<Void>(Executors.callable(command, null), dueIn(initialDelay, unit), Math.max(1, unit.toMillis(period))));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    if (delay <= 0) {
      throw new IllegalArgumentException("delay must be positive");
    }
    return enqueue(new Task<Void>(Executors.callable(command, null), dueIn(initialDelay, unit), -Math.max(1, unit.toMillis(delay))));
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(queue);
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  /** One scheduled task: due time, submission order, and period (0 once, >0 fixed rate, <0 fixed delay). */
  private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
    private long time;
    private final long order;
    private final long period;

    Task(Callable<V> callable, long time, long period) {
      super(callable);
      this.time = time;
      this.period = period;
      synchronized (VirtualScheduler.this) {
        this.order = seq++;
      }
    }

    @Override
    public boolean isPeriodic() {
      return period != 0;
    }

    @Override
    public void run() {
      if (!isPeriodic()) {
        super.run();
      } else if (super.runAndReset()) {
        time = period > 0 ? time + period : now - period;
        requeue(this);
      }
    }

    @Override
    protected void setException(Throwable t) {
      failed(t);
      super.setException(t);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(time - now, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      if (o instanceof Task<?> t) {
        int c = Long.compare(time, t.time);
        return c != 0 ? c : Long.compare(order, t.order);
      }
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
    }
  }

  /** Reads the scheduler's virtual time. */
  private final class VirtualClock extends Clock {
    @Override
    public long millis() {
      return now;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
