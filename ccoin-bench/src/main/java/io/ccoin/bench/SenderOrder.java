package io.ccoin.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps each sender's transactions reaching the node in nonce order when refused requests are sent
 * again ({@code --resubmit}). Transaction {@code i} belongs to sender {@code i % senders}, and a
 * sender's transactions are numbered in nonce order. A sender has at most one request in flight: a
 * transaction whose sender has one in flight, or has transactions held back, or waits out a
 * {@code Retry-After}, is held back; when the request is answered, what was refused with
 * {@code Retry-After} is held again (before the later ones) until that time, and otherwise the held
 * transactions are released to be sent at once, the lowest nonces first. So a later nonce never
 * reaches the pool before an earlier one that was refused for now. Thread-safe.
 */
final class SenderOrder {
  /** Marks a sender whose released transactions are in flight (no claim token equals it). */
  private static final Object RELEASED = new Object();

  private final int senders;
  private final int perRelease;
  private final Object[] inFlight;
  private final List<TreeSet<Integer>> held;
  private final long[] blockedUntil;
  private final boolean[] blocked;
  /** {time, sender}, earliest first: when a blocked sender may be sent to again. */
  private final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
  private int outstanding;
  private boolean stopped;

  /**
   * @param senders how many senders
   * @param perRelease the most transactions of one sender released together (1 when each is sent
   *     on its own and must be answered before the next)
   */
  SenderOrder(int senders, int perRelease) {
    if (senders < 1 || perRelease < 1) {
      throw new IllegalArgumentException("senders and perRelease must be positive");
    }
    this.senders = senders;
    this.perRelease = perRelease;
    this.inFlight = new Object[senders];
    this.held = new ArrayList<>(senders);
    for (int s = 0; s < senders; s++) {
      held.add(new TreeSet<>());
    }
    this.blockedUntil = new long[senders];
    this.blocked = new boolean[senders];
  }

  /**
   * Of {@code indices} (first submissions, in order, going out as one request {@code token}), those
   * that may be sent now; the others are held back.
   */
  synchronized List<Integer> claim(List<Integer> indices, Object token) {
    List<Integer> now = new ArrayList<>(indices.size());
    for (int i : indices) {
      int s = i % senders;
      outstanding++;
      if (inFlight[s] == token || (inFlight[s] == null && held.get(s).isEmpty() && !blocked[s])) {
        inFlight[s] = token;
        now.add(i);
      } else {
        held.get(s).add(i);
      }
    }
    return now;
  }

  /**
   * The request of {@code sent} was answered: {@code again} of them were refused for now and go
   * back until {@code retryAt} (nanoTime), the others are done (taken or refused for good).
   *
   * @return transactions released by the answer, to send at once (each sender's in nonce order)
   */
  synchronized List<Integer> answered(List<Integer> sent, List<Integer> again, long retryAt) {
    Set<Integer> senderSet = new LinkedHashSet<>();
    for (int i : sent) {
      senderSet.add(i % senders);
    }
    outstanding -= sent.size() - again.size();
    for (int s : senderSet) {
      inFlight[s] = null;
    }
    for (int i : again) {
      int s = i % senders;
      held.get(s).add(i);
      if (!blocked[s] || blockedUntil[s] < retryAt) {
        blocked[s] = true;
        blockedUntil[s] = retryAt;
        due.add(new long[] {retryAt, s});
      }
    }
    if (!again.isEmpty()) {
      notifyAll();
    }
    List<Integer> released = new ArrayList<>();
    for (int s : senderSet) {
      if (!blocked[s]) {
        release(s, released);
      }
    }
    return released;
  }

  /**
   * Waits (at most {@code maxWaitMillis}) until a blocked sender's time has come by
   * {@code clock}, and releases what such senders hold.
   *
   * @return the released transactions, empty after the wait or once stopped
   */
  synchronized List<Integer> awaitDue(java.util.function.LongSupplier clock, long maxWaitMillis) throws InterruptedException {
    long end = clock.getAsLong() + maxWaitMillis * 1_000_000L;
    while (!stopped) {
      long now = clock.getAsLong();
      List<Integer> released = new ArrayList<>();
      while (!due.isEmpty() && due.peek()[0] <= now) {
        int s = (int) due.poll()[1];
        if (blocked[s] && blockedUntil[s] <= now) {
          blocked[s] = false;
          if (inFlight[s] == null) {
            release(s, released);
          }
        }
      }
      if (!released.isEmpty() || now >= end) {
        return released;
      }
      long until = due.isEmpty() ? end : Math.min(end, due.peek()[0]);
      long waitMillis = Math.max(1, (until - now + 999_999) / 1_000_000);
      wait(waitMillis);
    }
    return List.of();
  }

  private void release(int s, List<Integer> out) {
    TreeSet<Integer> h = held.get(s);
    for (int n = 0; n < perRelease && !h.isEmpty(); n++) {
      out.add(h.pollFirst());
      inFlight[s] = RELEASED;
    }
  }

  /** Transactions held back or in flight. */
  synchronized int outstanding() {
    return outstanding;
  }

  /** Transactions held back (not in flight). */
  synchronized int held() {
    int n = 0;
    for (TreeSet<Integer> h : held) {
      n += h.size();
    }
    return n;
  }

  /** Ends {@link #awaitDue} waits, now and later. */
  synchronized void stop() {
    stopped = true;
    notifyAll();
  }
}
