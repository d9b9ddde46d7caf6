package io.ccoin.net.internal.peer;

import java.util.ArrayDeque;

/**
 * At most {@code limit} events in any sliding window of {@code windowMs}: "a node answers at most 20
 * {@code GBL} per peer per 10 s" (SPEC 9), used by the answering side to refuse and by the asking
 * side to pace itself. Not thread-safe.
 */
public final class SlidingWindowLimiter {
  private final int limit;
  private final long windowMs;
  private final ArrayDeque<Long> times = new ArrayDeque<>();

  public SlidingWindowLimiter(int limit, long windowMs) {
    if (limit < 1 || windowMs < 1) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    this.limit = limit;
    this.windowMs = windowMs;
  }

  private void expire(long now) {
    while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
      times.pollFirst();
    }
  }

  /** Counts an event at {@code now} and returns true, or returns false when the window is full. */
  public boolean tryAcquire(long now) {
    expire(now);
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  /** The earliest time an event would be allowed. */
  public long nextAllowedAt(long now) {
    expire(now);
    return times.size() < limit ? now : times.peekFirst() + windowMs;
  }
}
