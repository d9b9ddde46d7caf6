package io.ccoin.api;

import java.net.InetSocketAddress;

/**
 * One open connection to a peer, as handed out by a {@link PeerTransport}. Thread-safe.
 */
public interface PeerConnection {
  /** Which side dialed. */
  enum Direction {
    INBOUND,
    OUTBOUND
  }

  /** An id unique among this transport's connections. */
  long id();

  /** The remote socket address. */
  InetSocketAddress remoteAddress();

  Direction direction();

  /**
   * Queues {@code frame} for sending and returns at once, never blocking. Returns false, and closes
   * the connection, when the peer's send buffer is full (a peer that does not read) or the
   * connection is already closed.
   */
  boolean send(Frame frame);

  /** Closes the connection; the transport reports it closed once. Idempotent. */
  void close(String reason);

  boolean isOpen();
}
