package io.ccoin.net.internal.peer;

import java.util.concurrent.ScheduledFuture;

/**
 * The network thread as the service's parts see it: tasks run one at a time, and after each the
 * service publishes its snapshots (peers, sync status).
 */
public interface NetworkThread {
  /** Runs {@code task} on the network thread as soon as it is free. */
  void execute(Runnable task);

  /** Runs {@code task} on the network thread after {@code delayMs}. */
  ScheduledFuture<?> schedule(Runnable task, long delayMs);
}
