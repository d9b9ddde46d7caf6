package io.ccoin.api;

import java.net.InetSocketAddress;

/**
 * One connection to a peer, as handed out by a {@link PeerTransport}: to its listener's
 * {@link PeerTransport.Listener#onOpened onOpened} and by the future of
 * {@link PeerTransport#connect}. Thread-safe: any thread may send and close. It stays the same
 * object for the connection's life, so it may be used as a key; {@link #id()} identifies it in logs.
 */
public interface PeerConnection {
  /** Which side dialed. */
  enum Direction {
    /** The peer dialed this transport. */
    INBOUND,
    /** This transport dialed the peer ({@link PeerTransport#connect}). */
    OUTBOUND
  }

  /** An id unique among this transport's connections. */
  long id();

  /**
   * The remote socket address: for an outbound connection the address dialed, for an inbound one
   * the peer's address and (ephemeral) port.
   */
  InetSocketAddress remoteAddress();

  /** Which side dialed; fixed for the connection's life. */
  Direction direction();

  /**
   * Queues {@code frame} for sending and returns at once, never blocking. Frames sent from one
   * thread arrive in the order sent. Returns false, and closes the connection, when the peer's send
   * buffer is full (a peer that does not read); returns false when the connection is already
   * closed. True means queued, not delivered.
   */
  boolean send(Frame frame);

  /**
   * Closes the connection and returns without waiting; frames queued before are sent first as far
   * as the peer reads them (the close does not wait for a peer that does not). The transport then
   * calls {@link PeerTransport.Listener#onClosed onClosed} once, on its own thread and never from
   * inside this call, with this reason unless the connection was already closing for another (a
   * later call changes nothing); the peer learns of it with a reason of its own. No frame is
   * delivered to the listener after this call. Idempotent.
   */
  void close(String reason);

  /** False once the connection was closed by either side or is closing; never true again. */
  boolean isOpen();
}
