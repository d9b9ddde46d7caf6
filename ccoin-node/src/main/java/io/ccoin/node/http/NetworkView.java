package io.ccoin.node.http;

import io.ccoin.api.Hash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP API shows of the peer-to-peer layer (SPEC 9): the node's identity, its peers and
 * its sync state. ccoin-net provides an implementation; {@link #NONE} stands for a node without a
 * network (a lone validator, a library embedding).
 *
 * <p>Implementations must be thread-safe, and every method must be cheap and non-blocking: the API
 * calls them on its request threads and from metric scrapes.
 */
public interface NetworkView {
  /** The sync state of SPEC 9. */
  String BOOT = "BOOT";
  String SYNCING = "SYNCING";
  String SYNCED = "SYNCED";

  /** A node without a network: no node id, no peers, always {@code SYNCED}, and 0 peers needed. */
  NetworkView NONE = new NetworkView() {
    @Override
    public Optional<Hash> nodeId() {
      return Optional.empty();
    }

    @Override
    public Optional<String> p2pAddress() {
      return Optional.empty();
    }

    @Override
    public List<Peer> peers() {
      return List.of();
    }

    @Override
    public String syncState() {
      return SYNCED;
    }

    @Override
    public int minPeers() {
      return 0;
    }

    @Override
    public String toString() {
      return "NetworkView.NONE";
    }
  };

  /** {@code H(nodeKey spki)}; empty without a network. */
  Optional<Hash> nodeId();

  /** The {@code host:port} the node listens on for peers; empty without a network. */
  Optional<String> p2pAddress();

  /** The connected peers that completed the handshake, in no particular order. */
  List<Peer> peers();

  /** The number of connected peers; {@code peers().size()} unless an implementation counts faster. */
  default int peerCount() {
    return peers().size();
  }

  /** {@link #BOOT}, {@link #SYNCING} or {@link #SYNCED} (implementations may add more detail after a colon). */
  String syncState();

  /** True when no known peer is heavier: {@link #syncState()} is {@link #SYNCED}. */
  default boolean synced() {
    return SYNCED.equals(syncState());
  }

  /** {@code p2p.min_peers}: the node is ready only with at least this many peers. */
  int minPeers();

  /**
   * Transactions received from peers and dropped unchecked because the node's admission queue was
   * full (not held against the peers); 0 without a network.
   */
  default long transactionsDropped() {
    return 0;
  }

  /** Which side opened a connection. */
  enum Direction {
    INBOUND,
    OUTBOUND
  }

  /**
   * One connected peer as its handshake and latest announcements describe it.
   *
   * @param nodeId the peer's node id, {@code H(its node key)}
   * @param address the remote {@code host:port} of the connection
   * @param direction who dialed
   * @param headNumber the number of the peer's head as it last told us
   * @param headHash the hash of that head
   * @param totalWeight the total weight of the peer's chain as it last told us
   * @param agent the agent string of its {@code HEL} (at most 64 bytes)
   */
  record Peer(Hash nodeId, String address, Direction direction, long headNumber, Hash headHash, long totalWeight, String agent) {
    public Peer {
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(headHash, "headHash");
      Objects.requireNonNull(agent, "agent");
    }
  }
}
