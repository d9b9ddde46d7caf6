package io.ccoin.api;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Moves whole {@link Frame}s between this node and its peers (SPEC 9, 13); it knows nothing of what
 * the frames mean. ccoin-net's {@code TcpTransport} (Netty) and the in-memory simulator's
 * {@code SimTransport} implement it; ccoin-net's test-jar has the {@code PeerTransportContractTest}
 * that both pass, for transports of your own.
 *
 * <p><b>Threads.</b> The transport is thread-safe. {@link Listener} callbacks run on the transport's
 * own threads (TCP: its Netty event loops; the simulator: the thread driving its virtual
 * scheduler), never from inside a call to {@link #connect}, {@link PeerConnection#send} or
 * {@link PeerConnection#close}. For each connection they come from one thread at a time, in order:
 * {@code onOpened}, then its frames in the order they arrived, then {@code onClosed} exactly once.
 * Different connections' callbacks may run concurrently. A callback blocks the connection (with
 * TCP, every connection of its event loop) while it runs, so it must be fast and hand slow work
 * to another thread.
 *
 * <p><b>Limits.</b> The transport bounds what it buffers per peer, rejects a frame longer than
 * {@link Frame#MAX_FRAME} before allocating for it (closing the connection), and never blocks the
 * caller of {@link PeerConnection#send}. How many connections to keep is the caller's decision.
 */
public interface PeerTransport extends AutoCloseable {
  /**
   * Receives the transport's events, on the transport's threads (see the class comment).
   * Implementations must be fast and must not throw; what a transport does with a listener that
   * throws is its own choice (TCP closes the connection).
   */
  interface Listener {
    /**
     * A connection opened, in either direction; the first callback of {@code connection}. For a
     * dial, it runs before the future of {@link #connect} completes.
     */
    void onOpened(PeerConnection connection);

    /** A complete frame arrived on {@code connection}; never before its {@code onOpened} or after its {@code onClosed}. */
    void onFrame(PeerConnection connection, Frame frame);

    /**
     * A connection closed, by either side, by an error or because the transport closed: the last
     * callback of {@code connection}, called exactly once. {@code reason} is a short text for logs
     * (the reason given to {@link PeerConnection#close} when this side closed it).
     */
    void onClosed(PeerConnection connection, String reason);
  }

  /**
   * Starts accepting connections and delivering events to {@code listener}; returns once the
   * transport accepts (for TCP, once the socket is bound).
   *
   * @throws IllegalStateException if called twice or after {@link #close}
   */
  void start(Listener listener);

  /**
   * The address this transport accepts connections on, with the port actually bound when port 0
   * was asked for.
   *
   * <p>Before {@link #start} an implementation may throw {@link IllegalStateException} (TCP does: the
   * port is not bound yet).
   */
  InetSocketAddress localAddress();

  /**
   * Dials a peer and returns at once. The future completes, on the transport's thread, once the
   * connection is open and after the listener's {@code onOpened} for it has returned, so the
   * listener has seen the connection before any dependent stage runs; dependent stages added
   * without an executor run on that thread and must be as quick as the listener. The future
   * completes exceptionally when the connection cannot be made: refused, unreachable, timed out,
   * or the transport not started or closed.
   */
  CompletableFuture<PeerConnection> connect(InetSocketAddress address);

  /**
   * Closes every connection (each reported to {@code onClosed}) and stops accepting; later dials
   * fail. Idempotent.
   */
  @Override
  void close();
}
