package io.ccoin.net.sim;

import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** One end of a simulated connection. Frames reach the other end after the link latency, in order. */
final class SimConnection implements PeerConnection {
  private final SimNetwork network;
  private final SimTransport owner;
  private final long id;
  private final InetSocketAddress remote;
  private final Direction direction;
  private SimConnection other;
  private boolean open = true;
  private long lastArrival;
  private int inFlight;

  SimConnection(SimNetwork network, SimTransport owner, long id, InetSocketAddress remote, Direction direction) {
    this.network = network;
    this.owner = owner;
    this.id = id;
    this.remote = remote;
    this.direction = direction;
  }

  void pair(SimConnection otherEnd) {
    this.other = otherEnd;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public boolean send(Frame frame) {
    synchronized (this) {
      if (!open) {
        return false;
      }
      if (inFlight >= SimTransport.MAX_IN_FLIGHT) {
        open = false;
      }
    }
    if (!isOpen()) {
      closeLocally("send buffer full");
      notifyPeer("send buffer full");
      return false;
    }
    if (network.lose(owner.host(), other.owner.host())) {
      return true;
    }
    synchronized (this) {
      inFlight++;
    }
    scheduleArrival(() -> {
      synchronized (this) {
        inFlight--;
      }
      other.deliver(frame);
    });
    return true;
  }

  /**
   * Schedules {@code arrival} one link latency from now, and never before an arrival scheduled
   * earlier on this connection, so frames (and the close after them) keep their order. The
   * scheduler's lock is held from reading the clock to queueing the task, so that a thread driving
   * the scheduler meanwhile cannot move the clock in between (senders may be on any thread).
   */
  private void scheduleArrival(Runnable arrival) {
    VirtualScheduler scheduler = network.scheduler();
    synchronized (scheduler) {
      long at;
      synchronized (this) {
        at = Math.max(scheduler.now() + network.latency(owner.host(), other.owner.host()), lastArrival);
        lastArrival = at;
      }
      scheduler.schedule(arrival, at - scheduler.now(), TimeUnit.MILLISECONDS);
    }
  }

  private void deliver(Frame frame) {
    if (isOpen()) {
      owner.listener().onFrame(this, frame);
    }
  }

  @Override
  public void close(String reason) {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
    }
    closeLocally(reason);
    notifyPeer("closed by peer: " + reason);
  }

  private void closeLocally(String reason) {
    owner.unregister(this);
    network.scheduler().execute(() -> owner.listener().onClosed(this, reason));
  }

  /** The close reaches the other end after the latency, unless a partition is in the way. */
  private void notifyPeer(String reason) {
    if (!network.reachable(owner.host(), other.owner.host())) {
      return;
    }
    scheduleArrival(() -> other.closedByPeer(reason));
  }

  private void closedByPeer(String reason) {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
    }
    closeLocally(reason);
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public String toString() {
    return "SimConnection#" + id + "[" + owner.host() + (direction == Direction.OUTBOUND ? " -> " : " <- ") + SimNetwork.key(remote) + "]";
  }
}
