package io.ccoin.net;

import io.ccoin.api.Hash;
import io.ccoin.api.PeerConnection;
import io.ccoin.net.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A snapshot of one established peer, as {@code GET /peers} shows it (SPEC 11).
 *
 * @param nodeId the peer's node id
 * @param address where the peer listens (the dialed address, or its host and advertised port)
 * @param direction which side dialed
 * @param headNumber the peer's head number, as it last advertised it
 * @param headHash the peer's head hash, as it last advertised it
 * @param totalWeight the peer's total weight, as it last advertised it (a hint, not a fact)
 * @param agent the peer's agent string
 */
public record PeerInfo(NodeId nodeId, InetSocketAddress address, PeerConnection.Direction direction, long headNumber,
    Hash headHash, long totalWeight, String agent) {
  public PeerInfo {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(agent, "agent");
  }
}
