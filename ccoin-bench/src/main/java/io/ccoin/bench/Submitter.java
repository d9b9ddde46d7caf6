package io.ccoin.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's submission: pre-signed transactions sent on a fixed schedule (open loop:
 * transaction {@code i} is due at {@code t0 + schedule.offsetNanos(i)}), each sender always to the same
 * node, by {@code connections} threads with one keep-alive connection per node each, in batches (a
 * batch of consecutive transactions goes out when its last one is due, one request per node) or one
 * request per transaction.
 *
 * <p>With {@code resubmit}, a request refused as a whole with {@code 503} or {@code 429} is sent again
 * once its {@code Retry-After} (in seconds; 1 s when absent or not a number) has passed, and a
 * transaction refused {@code nonce_too_far} (its sender has a full window of pending nonces) after
 * 1 s, by a thread of its own, and {@link SenderOrder} keeps each sender's transactions in nonce order meanwhile
 * (its later transactions are held back until the refused one is taken). Without it such a
 * refusal is final, like any other. Transactions are counted by their first sending (the
 * offered schedule: {@link #firstSent}, {@link #submitNanos}, {@link #lastFirstSubmit}) apart from
 * their resubmissions ({@link #resent}), and by attempts ({@link #attemptsHistogram}).
 */
final class Submitter {
  /**
   * The most transactions of one sender sent again in one request: the pool's window of pending
   * nonces per sender. (Whole requests are refused for now with 503 or 429; a batch's entries are
   * never answered {@code not_ready} or {@code rate_limited}, docs/API.md, but may be
   * {@code nonce_too_far}.)
   */
  private static final int MAX_RELEASE = 64;

  private final List<URI> nodes;
  private final byte[][] raw;
  private final int senderCount;
  private final long t0;
  private final Schedule schedule;
  private final boolean single;
  private final int batch;
  private final SenderOrder order;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicIntegerArray attempts;
  private final List<Thread> workers = new ArrayList<>();
  private Thread resubmitter;
  private volatile boolean stopping;

  /** Per transaction: when it was first sent (nanoTime), 0 before. */
  final long[] submitNanos;
  final AtomicInteger firstSent = new AtomicInteger();
  final LongAdder resent = new LongAdder();
  /**
   * First submissions not sent when due because their sender had a transaction refused for now
   * (held, or sent again and in flight); sent once that one is taken.
   */
  final LongAdder heldBack = new LongAdder();
  final AtomicLong lastFirstSubmit;
  final LongAdder accepted = new LongAdder();
  final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  final RequestStats requests = new RequestStats();
  /** First submissions per node. */
  final LongAdder[] sentByNode;

  /**
   * @param raw the encoded transactions; {@code raw[i]} is sender {@code i % senderCount}'s, and a
   *     sender's come in nonce order
   * @param batch transactions per batch (before the split by node), ignored when {@code single}
   */
  Submitter(List<URI> nodes, byte[][] raw, int senderCount, long t0, Schedule schedule, boolean single, int batch,
      boolean resubmit) {
    this.nodes = List.copyOf(nodes);
    this.raw = raw;
    this.senderCount = senderCount;
    this.t0 = t0;
    this.schedule = schedule;
    this.single = single;
    this.batch = Math.max(1, Math.min(LoadGenerator.MAX_BATCH, batch));
    this.order = resubmit ? new SenderOrder(senderCount, single ? 1 : MAX_RELEASE) : null;
    this.attempts = new AtomicIntegerArray(raw.length);
    this.submitNanos = new long[raw.length];
    this.lastFirstSubmit = new AtomicLong(t0);
    this.sentByNode = new LongAdder[nodes.size()];
    for (int k = 0; k < sentByNode.length; k++) {
      sentByNode[k] = new LongAdder();
    }
  }

  /** Starts {@code connections} submitting threads, and the resubmitting one. */
  void start(int connections) {
    for (int w = 0; w < connections; w++) {
      Thread t = new Thread(this::firstSubmissions, "load-submit-" + w);
      t.setDaemon(true);
      workers.add(t);
    }
    if (order != null) {
      resubmitter = new Thread(this::resubmissions, "load-resubmit");
      resubmitter.setDaemon(true);
      resubmitter.start();
    }
    workers.forEach(Thread::start);
  }

  /** Whether every transaction has been sent once (the schedule is over). */
  boolean scheduleDone() {
    return workers.stream().noneMatch(Thread::isAlive);
  }

  /** Transactions refused for now and not yet taken or refused for good, or in flight again. */
  int outstanding() {
    return order == null ? 0 : order.outstanding();
  }

  /**
   * Stops resubmitting (waiting for the first submissions and a resubmission in flight) and counts
   * what is still held back as refused: {@code "still refused at the end (503/429/nonce_too_far)"}.
   */
  void stop() throws InterruptedException {
    for (Thread t : workers) {
      t.join();
    }
    stopping = true;
    if (order != null) {
      order.stop();
      resubmitter.join();
      int left = order.held();
      if (left > 0) {
        rejected.computeIfAbsent("still refused at the end (503/429/nonce_too_far)", c -> new LongAdder()).add(left);
      }
    }
  }

  /** How many transactions were sent once, twice, three times or more (index 0, 1, 2). */
  long[] attemptsHistogram() {
    long[] h = new long[3];
    for (int i = 0; i < attempts.length(); i++) {
      int a = attempts.get(i);
      if (a > 0) {
        h[Math.min(3, a) - 1]++;
      }
    }
    return h;
  }

  /** The node transaction {@code i} goes to: its sender's (so a sender's nonces all reach the same pool). */
  private int nodeOf(int i) {
    return (i % senderCount) % nodes.size();
  }

  private void refused(String code, int n) {
    rejected.computeIfAbsent(code, c -> new LongAdder()).add(n);
  }

  private void firstSubmissions() {
    ApiClient[] clients = new ApiClient[nodes.size()];
    int step = single ? 1 : batch;
    try {
      for (int first = next.getAndAdd(step); first < raw.length; first = next.getAndAdd(step)) {
        int end = Math.min(raw.length, first + step);
        long due = t0 + schedule.offsetNanos(end - 1);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        List<Integer> indices = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
          indices.add(i);
        }
        List<Integer> now = order == null ? indices : order.claim(indices);
        heldBack.add(indices.size() - now.size());
        send(now, false, clients);
      }
    } finally {
      close(clients);
    }
  }

  private void resubmissions() {
    ApiClient[] clients = new ApiClient[nodes.size()];
    try {
      while (!stopping) {
        List<Integer> due = order.awaitDue(System::nanoTime, 1_000);
        if (!due.isEmpty()) {
          send(due, true, clients);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(clients);
    }
  }

  /**
   * Sends {@code indices} (first submissions, or {@code released} by the {@link SenderOrder}),
   * grouped by node into requests that keep each sender's transactions together, and then what
   * their answers release, until nothing is released.
   */
  private void send(List<Integer> indices, boolean released, ApiClient[] clients) {
    Deque<List<Integer>> work = new ArrayDeque<>();
    work.add(indices);
    boolean wasReleased = released;
    while (!work.isEmpty()) {
      List<Integer> group = work.poll();
      for (List<Integer> request : requests(group)) {
        int node = nodeOf(request.get(0));
        if (clients[node] == null) {
          clients[node] = new ApiClient(nodes.get(node));
        }
        List<Integer> next = single ? sendOne(clients[node], request.get(0), wasReleased)
            : sendBatch(clients[node], request, wasReleased);
        if (!next.isEmpty()) {
          work.add(next);
        }
      }
      wasReleased = true;
    }
  }

  /**
   * {@code group} as requests: one transaction each when {@code single}, else per node in order,
   * at most {@link LoadGenerator#MAX_BATCH} each, a sender's transactions never split over two.
   */
  private List<List<Integer>> requests(List<Integer> group) {
    List<List<Integer>> out = new ArrayList<>();
    if (single) {
      group.forEach(i -> out.add(List.of(i)));
      return out;
    }
    for (int node = 0; node < nodes.size(); node++) {
      Map<Integer, List<Integer>> bySender = new LinkedHashMap<>();
      for (int i : group) {
        if (nodeOf(i) == node) {
          bySender.computeIfAbsent(i % senderCount, s -> new ArrayList<>()).add(i);
        }
      }
      List<Integer> request = new ArrayList<>();
      for (List<Integer> ofSender : bySender.values()) {
        if (!request.isEmpty() && request.size() + ofSender.size() > LoadGenerator.MAX_BATCH) {
          out.add(request);
          request = new ArrayList<>();
        }
        request.addAll(ofSender);
      }
      if (!request.isEmpty()) {
        out.add(request);
      }
    }
    return out;
  }

  /** Counts the attempt of each of {@code request} at {@code now}. */
  private void sending(List<Integer> request, long now) {
    for (int i : request) {
      if (attempts.incrementAndGet(i) == 1) {
        submitNanos[i] = now;
        firstSent.incrementAndGet();
        sentByNode[nodeOf(i)].increment();
        lastFirstSubmit.accumulateAndGet(now, Math::max);
      } else {
        resent.increment();
      }
    }
  }

  private List<Integer> sendOne(ApiClient client, int i, boolean released) {
    long now = System.nanoTime();
    List<Integer> request = List.of(i);
    sending(request, now);
    try {
      ApiClient.Response r = client.submit(raw[i]);
      String code = r.status() == 200 || r.status() == 202 ? "" : ApiClient.errorCode(r);
      requests.answered(r.status(), r.retryAfter(), code, System.nanoTime() - now);
      if (code.isEmpty()) {
        accepted.increment();
        return done(request, released);
      }
      if (order != null && (isForNow(r.status()) || isTooFarForNow(code))) {
        return order.answered(request, released, request, System.nanoTime() + retryAfterNanos(r.retryAfter()));
      }
      refused(code, 1);
    } catch (IOException e) {
      requests.failed(System.nanoTime() - now);
      refused("io: " + e.getMessage(), 1);
    }
    return done(request, released);
  }

  private List<Integer> sendBatch(ApiClient client, List<Integer> request, boolean released) {
    long now = System.nanoTime();
    sending(request, now);
    List<byte[]> raws = new ArrayList<>(request.size());
    request.forEach(i -> raws.add(raw[i]));
    try {
      ApiClient.Response r = client.submitBatch(raws);
      String wholeCode = r.status() == 200 ? "" : ApiClient.errorCode(r);
      requests.answered(r.status(), r.retryAfter(), wholeCode, System.nanoTime() - now);
      if (!wholeCode.isEmpty()) {
        if (order != null && isForNow(r.status())) {
          return order.answered(request, released, request, System.nanoTime() + retryAfterNanos(r.retryAfter()));
        }
        refused(wholeCode, request.size());
        return done(request, released);
      }
      List<String> errors = ApiClient.batchErrors(r);
      List<Integer> again = new ArrayList<>();
      for (int k = 0; k < request.size(); k++) {
        String error = k < errors.size() ? errors.get(k) : "no result";
        if (error.isEmpty()) {
          accepted.increment();
        } else if (order != null && isTooFarForNow(error)) {
          again.add(request.get(k));
        } else {
          refused(error, 1);
        }
      }
      if (!again.isEmpty()) {
        return order.answered(request, released, again, System.nanoTime() + retryAfterNanos(null));
      }
    } catch (IOException e) {
      requests.failed(System.nanoTime() - now);
      refused("io: " + e.getMessage(), request.size());
    }
    return done(request, released);
  }

  private List<Integer> done(List<Integer> request, boolean released) {
    return order == null ? List.of() : order.answered(request, released, List.of(), 0);
  }

  /** {@code 503 not_ready} and {@code 429 rate_limited}: refused for now, to be sent again after {@code Retry-After}. */
  static boolean isForNow(int status) {
    return status == 503 || status == 429;
  }

  /**
   * {@code nonce_too_far}: the sender has 64 nonces pending above its confirmed one (docs/API.md), so
   * this one can be taken once earlier ones are mined: sent again after 1 s, like a {@code 503}.
   */
  static boolean isTooFarForNow(String code) {
    return "nonce_too_far".equals(code);
  }

  /** {@code Retry-After} in seconds as nanoseconds; 1 s when absent or not a whole number of seconds (at most an hour). */
  static long retryAfterNanos(String retryAfter) {
    if (retryAfter != null) {
      try {
        long seconds = Long.parseLong(retryAfter.strip());
        if (seconds >= 0 && seconds <= 3600) {
          return seconds * 1_000_000_000L;
        }
      } catch (NumberFormatException e) {
        // an HTTP date or garbage: the default
      }
    }
    return 1_000_000_000L;
  }

  private static void close(ApiClient[] clients) {
    for (ApiClient c : clients) {
      if (c != null) {
        c.close();
      }
    }
  }
}
