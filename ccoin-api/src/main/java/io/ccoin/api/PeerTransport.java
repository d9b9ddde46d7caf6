package io.ccoin.api;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Moves whole {@link Frame}s between this node and its peers (SPEC 9, 13); it knows nothing of what
 * the frames mean. The TCP transport and the in-memory simulator implement it.
 *
 * <p>Contract: callbacks arrive on the transport's own threads, frames of one connection in order
 * and never concurrently; the transport bounds what it buffers per peer, rejects a frame longer than
 * {@link Frame#MAX_FRAME} before allocating for it (closing the connection), and never blocks the
 * caller of {@link PeerConnection#send}. Thread-safe.
 */
public interface PeerTransport extends AutoCloseable {
  /** Receives the transport's events. Implementations must be fast and must not throw. */
  interface Listener {
    /** A connection opened, in either direction. */
    void onOpened(PeerConnection connection);

    /** A complete frame arrived on {@code connection}. */
    void onFrame(PeerConnection connection, Frame frame);

    /** A connection closed, by either side or because of an error. Called once per connection. */
    void onClosed(PeerConnection connection, String reason);
  }

  /** Starts listening and delivering events to {@code listener}. Called once. */
  void start(Listener listener);

  /** The address this transport accepts connections on (after {@link #start}). */
  InetSocketAddress localAddress();

  /** Dials a peer; the future fails when the connection cannot be made. */
  CompletableFuture<PeerConnection> connect(InetSocketAddress address);

  /** Closes every connection and stops listening. Idempotent. */
  @Override
  void close();
}
