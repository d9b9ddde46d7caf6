package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link PeerTransport.Listener} for tests: it records every event per connection and checks the
 * transport contract as events arrive (opened before frames, no callbacks of one connection at the
 * same time, no frame after close, closed exactly once). {@link #assertContractKept()} reports any
 * breach. Thread-safe.
 */
public final class RecordingListener implements PeerTransport.Listener {
  private final Duration timeout;
  private final LinkedBlockingQueue<PeerConnection> opened = new LinkedBlockingQueue<>();
  private final Map<Long, LinkedBlockingQueue<Frame>> frames = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<String>> closed = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> closeCounts = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> inCallback = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> openedIds = new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
  private volatile String throwOnHeader;

  /** A listener whose waiting methods fail the test after {@code timeout}. */
  public RecordingListener(Duration timeout) {
    this.timeout = timeout;
  }

  /** Makes {@code onFrame} throw for frames with this header (to test a misbehaving listener). */
  public void throwOnHeader(String header) {
    this.throwOnHeader = header;
  }

  private void enter(PeerConnection c, String what) {
    callbackThreads.add(Thread.currentThread());
    if (inCallback.computeIfAbsent(c.id(), id -> new AtomicInteger()).incrementAndGet() != 1) {
      violations.add("concurrent callbacks on connection " + c.id() + " (" + what + ")");
    }
    if (closeCounts.containsKey(c.id())) {
      violations.add(what + " after onClosed on connection " + c.id());
    }
  }

  private void exit(PeerConnection c) {
    inCallback.get(c.id()).decrementAndGet();
  }

  @Override
  public void onOpened(PeerConnection connection) {
    enter(connection, "onOpened");
    try {
      if (openedIds.put(connection.id(), Boolean.TRUE) != null) {
        violations.add("onOpened twice for connection " + connection.id());
      }
      opened.add(connection);
    } finally {
      exit(connection);
    }
  }

  @Override
  public void onFrame(PeerConnection connection, Frame frame) {
    enter(connection, "onFrame");
    try {
      if (!openedIds.containsKey(connection.id())) {
        violations.add("onFrame before onOpened on connection " + connection.id());
      }
      framesOf(connection).add(frame);
      if (frame.header().equals(throwOnHeader)) {
        throw new IllegalStateException("listener fails on purpose");
      }
    } finally {
      exit(connection);
    }
  }

  @Override
  public void onClosed(PeerConnection connection, String reason) {
    enter(connection, "onClosed");
    try {
      if (!openedIds.containsKey(connection.id())) {
        violations.add("onClosed before onOpened on connection " + connection.id());
      }
      if (closeCounts.computeIfAbsent(connection.id(), id -> new AtomicInteger()).incrementAndGet() != 1) {
        violations.add("onClosed more than once on connection " + connection.id());
      }
      if (reason == null || reason.isEmpty()) {
        violations.add("onClosed without a reason on connection " + connection.id());
      }
      closedFuture(connection).complete(reason);
    } finally {
      inCallback.get(connection.id()).decrementAndGet();
    }
  }

  private LinkedBlockingQueue<Frame> framesOf(PeerConnection c) {
    return frames.computeIfAbsent(c.id(), id -> new LinkedBlockingQueue<>());
  }

  private CompletableFuture<String> closedFuture(PeerConnection c) {
    return closed.computeIfAbsent(c.id(), id -> new CompletableFuture<>());
  }

  /** The next connection reported opened; fails the test after the timeout. */
  public PeerConnection nextOpened() {
    try {
      PeerConnection c = opened.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (c == null) {
        fail("no connection opened within " + timeout);
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame received on {@code c}; fails the test after the timeout. */
  public Frame nextFrame(PeerConnection c) {
    try {
      Frame f = framesOf(c).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (f == null) {
        fail("no frame on " + c + " within " + timeout);
      }
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The frames received on {@code c} and not yet taken. */
  public int pendingFrames(PeerConnection c) {
    return framesOf(c).size();
  }

  /** The reason {@code c} was reported closed with; fails the test after the timeout. */
  public String awaitClosed(PeerConnection c) {
    try {
      return closedFuture(c).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("connection " + c + " not reported closed within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  /** True when {@code c} has been reported closed. */
  public boolean isClosed(PeerConnection c) {
    return closedFuture(c).isDone();
  }

  /** How many times {@code c} was reported closed (the contract says at most once). */
  public int closeCount(PeerConnection c) {
    AtomicInteger n = closeCounts.get(c.id());
    return n == null ? 0 : n.get();
  }

  /** No connection opened and not yet taken with {@link #nextOpened}. */
  public boolean noMoreOpened() {
    return opened.isEmpty();
  }

  /** True when {@code onOpened} has been called for {@code c}. */
  public boolean wasOpened(PeerConnection c) {
    return openedIds.containsKey(c.id());
  }

  /** Every thread a callback ran on so far. */
  public Set<Thread> callbackThreads() {
    return Set.copyOf(callbackThreads);
  }

  /** Fails the test if the transport broke the contract in any event so far. */
  public void assertContractKept() {
    synchronized (violations) {
      assertThat(violations).as("transport contract violations").isEmpty();
    }
  }
}
