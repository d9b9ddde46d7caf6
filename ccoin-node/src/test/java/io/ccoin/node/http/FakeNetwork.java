package io.ccoin.node.http;

import io.ccoin.api.Hash;
import java.util.List;
import java.util.Optional;

/** A network view with whatever a test wants it to say. */
final class FakeNetwork implements NetworkView {
  volatile String syncState = SYNCED;
  volatile List<Peer> peers = List.of();
  volatile int minPeers = 1;
  final Hash nodeId;

  FakeNetwork(Hash nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public Optional<Hash> nodeId() {
    return Optional.of(nodeId);
  }

  @Override
  public Optional<String> p2pAddress() {
    return Optional.of("127.0.0.1:30333");
  }

  @Override
  public List<Peer> peers() {
    return peers;
  }

  @Override
  public String syncState() {
    return syncState;
  }

  @Override
  public int minPeers() {
    return minPeers;
  }
}
