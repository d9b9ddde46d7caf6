package io.ccoin.node.http;

import io.ccoin.api.Hash;
import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
   * full, or an earlier nonce of their sender was dropped (not held against the peers); 0 without a
   * network.
   */
  default long transactionsDropped() {
    return 0;
  }

  /**
   * Of {@link #transactionsDropped()}, those dropped because an earlier nonce of their sender was
   * dropped and has not reached the node since; 0 without a network.
   */
  default long transactionsDroppedAfterGap() {
    return 0;
  }

  /**
   * Transactions received from peers and not queued because the node had them already; 0 without a
   * network.
   */
  default long transactionsSkippedKnown() {
    return 0;
  }

  /** Discouraged peer addresses (SPEC 9) and when each stops being discouraged; none by default. */
  default Map<String, Instant> discouraged() {
    return Map.of();
  }

  /** Node ids (hex) refused after misbehaviour (SPEC 9) and when each refusal ends; none by default. */
  default Map<String, Instant> refusedNodeIds() {
    return Map.of();
  }

  /** The operator's bans in force (SPEC 11); none by default. */
  default List<ManualBan> bans() {
    return List.of();
  }

  /** True when {@link #ban} and {@link #unban} work: the node has a network whose peers can be banned. */
  default boolean canBan() {
    return false;
  }

  /**
   * Bans {@code range} for {@code duration}: its connections are closed and new ones refused both
   * ways (SPEC 11).
   *
   * @throws UnsupportedOperationException unless {@link #canBan()}
   */
  default ManualBan ban(IpRange range, Duration duration) {
    throw new UnsupportedOperationException("this node has no network");
  }

  /** Lifts the ban of exactly {@code range}; false when there was none. */
  default boolean unban(IpRange range) {
    return false;
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
