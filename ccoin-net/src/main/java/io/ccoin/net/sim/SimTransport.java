package io.ccoin.net.sim;

import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One node's in-memory {@link PeerTransport} on a {@link SimNetwork}. Callbacks run as tasks of the
 * network's {@link VirtualScheduler}, on the thread that drives it, never from inside
 * {@link #connect}, {@code send} or {@code close}. A dial opens one link latency later: both ends'
 * {@code onOpened} run in that task, and then the future of {@link #connect} completes. Closing it
 * (or {@link #kill()}) closes its connections, which the peers learn one link latency later (unless
 * a partition is in the way). It keeps the same contract as the TCP transport
 * ({@code PeerTransportContractTest}).
 */
public final class SimTransport implements PeerTransport {
  /** How long a dial into a partition waits before it fails. */
  static final long CONNECT_TIMEOUT_MS = 5_000;
  /** The most frames in flight on one connection before it counts as a peer that does not read. */
  static final int MAX_IN_FLIGHT = 100_000;

  private final SimNetwork network;
  private final InetSocketAddress address;
  private final Map<Long, SimConnection> connections = new LinkedHashMap<>();
  private Listener listener;
  private boolean closed;

  SimTransport(SimNetwork network, InetSocketAddress address) {
    this.network = network;
    this.address = address;
  }

  @Override
  public synchronized void start(Listener l) {
    if (listener != null) {
      throw new IllegalStateException("already started");
    }
    if (closed) {
      throw new IllegalStateException("closed");
    }
    this.listener = Objects.requireNonNull(l, "listener");
    network.listen(this);
  }

  @Override
  public InetSocketAddress localAddress() {
    return address;
  }

  String host() {
    return address.getHostString();
  }

  synchronized Listener listener() {
    return listener;
  }

  synchronized boolean isOpen() {
    return listener != null && !closed;
  }

  @Override
  public CompletableFuture<PeerConnection> connect(InetSocketAddress target) {
    CompletableFuture<PeerConnection> result = new CompletableFuture<>();
    VirtualScheduler s = network.scheduler();
    if (!isOpen()) {
      result.completeExceptionally(new IllegalStateException("the transport is not running"));
      return result;
    }
    network.dialed();
    String targetHost = target.getHostString();
    if (!network.reachable(host(), targetHost)) {
      s.schedule(() -> {
        result.completeExceptionally(new ConnectException("connect to " + SimNetwork.key(target) + " timed out"));
      }, CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return result;
    }
    long latency = network.latency(host(), targetHost);
    s.schedule(() -> open(target, result), latency, TimeUnit.MILLISECONDS);
    return result;
  }

  private void open(InetSocketAddress target, CompletableFuture<PeerConnection> result) {
    SimTransport remote = network.listenerAt(target);
    if (remote == null || !remote.isOpen() || !isOpen() || !network.reachable(host(), remote.host())) {
      result.completeExceptionally(new ConnectException("connection refused: " + SimNetwork.key(target)));
      return;
    }
    InetSocketAddress ephemeral = InetSocketAddress.createUnresolved(host(), network.nextEphemeralPort());
    SimConnection out = new SimConnection(network, this, network.nextConnectionId(), target, PeerConnection.Direction.OUTBOUND);
    SimConnection in = new SimConnection(network, remote, network.nextConnectionId(), ephemeral, PeerConnection.Direction.INBOUND);
    out.pair(in);
    in.pair(out);
    remote.register(in);
    register(out);
    remote.listener().onOpened(in);
    listener().onOpened(out);
    result.complete(out);
  }

  private synchronized void register(SimConnection c) {
    connections.put(c.id(), c);
  }

  synchronized void unregister(SimConnection c) {
    connections.remove(c.id());
  }

  /** The connections open now. */
  public synchronized List<PeerConnection> connections() {
    return new ArrayList<>(connections.values());
  }

  /** Closes everything at once, as a crash or a shutdown would. */
  public void kill() {
    close();
  }

  @Override
  public void close() {
    List<SimConnection> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(connections.values());
    }
    network.unlisten(this);
    for (SimConnection c : open) {
      c.close("transport closed");
    }
  }

  @Override
  public String toString() {
    return "SimTransport[" + SimNetwork.key(address) + "]";
  }
}
