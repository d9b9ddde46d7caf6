package io.ccoin.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps each sender's transactions reaching the node in nonce order when requests refused for now
 * are sent again ({@code --resubmit}). Transaction {@code i} belongs to sender {@code i % senders},
 * and a sender's transactions are numbered in nonce order. Once a transaction is refused with
 * {@code Retry-After}, it is held until that time together with every later transaction of its
 * sender (which are held back instead of being sent when due); then the held ones are released, the
 * lowest nonces first, as one request, and the sender's next ones are held back while that request is in flight;
 * once it is taken, what was held back meanwhile is released, and when the sender has nothing held
 * any more its transactions go out on schedule again. So after a refusal is known, no later nonce of
 * that sender reaches the pool before the refused one. (A later transaction already sent, in
 * another request still in flight when the refusal arrives, may reach the pool first: the pool keeps
 * it as a future nonce, within the sender's window, until the refused one arrives; holding every
 * sender's transactions back while any earlier one is in flight would instead turn the open-loop
 * schedule into a closed loop whenever round trips exceed {@code senders / rate}.) Thread-safe.
 */
final class SenderOrder {
  private final int senders;
  private final int perRelease;
  /** Whether the sender's released transactions are in flight. */
  private final boolean[] resending;
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
    this.resending = new boolean[senders];
    this.held = new ArrayList<>(senders);
    for (int s = 0; s < senders; s++) {
      held.add(new TreeSet<>());
    }
    this.blockedUntil = new long[senders];
    this.blocked = new boolean[senders];
  }

  /** Of {@code indices} (first submissions, in order), those that may be sent now; the others are held back. */
  synchronized List<Integer> claim(List<Integer> indices) {
    List<Integer> now = new ArrayList<>(indices.size());
    for (int i : indices) {
      int s = i % senders;
      outstanding++;
      if (!blocked[s] && !resending[s] && held.get(s).isEmpty()) {
        now.add(i);
      } else {
        held.get(s).add(i);
      }
    }
    return now;
  }

  /**
   * The request of {@code sent} ({@code released} by this class, or first submissions) was
   * answered: {@code again} of them were refused for now and go back until {@code retryAt}
   * (nanoTime), the others are done (taken or refused for good).
   *
   * @return transactions released by the answer, to send at once (each sender's in nonce order)
   */
  synchronized List<Integer> answered(List<Integer> sent, boolean released, List<Integer> again, long retryAt) {
    Set<Integer> senderSet = new LinkedHashSet<>();
    for (int i : sent) {
      senderSet.add(i % senders);
    }
    outstanding -= sent.size() - again.size();
    if (released) {
      for (int s : senderSet) {
        resending[s] = false;
      }
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
    List<Integer> out = new ArrayList<>();
    for (int s : senderSet) {
      if (!blocked[s] && !resending[s]) {
        release(s, out);
      }
    }
    return out;
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
          if (!resending[s]) {
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
      resending[s] = true;
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
