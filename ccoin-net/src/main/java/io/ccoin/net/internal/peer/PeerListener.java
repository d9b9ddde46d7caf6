package io.ccoin.net.internal.peer;

import io.ccoin.net.internal.protocol.Message;

/** What the {@link PeerManager} tells the rest of the service, on the network thread. */
public interface PeerListener {
  /** A handshake completed: the peer is authenticated and may be sent anything. */
  void onEstablished(Peer peer);

  /** An established peer sent a message other than the handshake's, {@code PIN}/{@code PON} and {@code BYE}. */
  void onMessage(Peer peer, Message message);

  /** An established peer's connection closed. */
  void onClosed(Peer peer);
}
