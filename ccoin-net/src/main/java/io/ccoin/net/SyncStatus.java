package io.ccoin.net;

import io.ccoin.net.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the node's sync stands: its {@link SyncState}, the peer it syncs from while
 * {@link SyncState#SYNCING}, and how far it got in the current sync. Immutable.
 */
public final class SyncStatus {
  private final SyncState state;
  private final NodeId peer;
  private final long blocksDone;
  private final long blocksLeft;

  public SyncStatus(SyncState state, Optional<NodeId> peer, long blocksDone, long blocksLeft) {
    this.state = Objects.requireNonNull(state, "state");
    this.peer = peer.orElse(null);
    this.blocksDone = blocksDone;
    this.blocksLeft = blocksLeft;
  }

  public SyncState state() {
    return state;
  }

  /** The peer being synced from, while syncing. */
  public Optional<NodeId> peer() {
    return Optional.ofNullable(peer);
  }

  /** Blocks imported since the current sync started. */
  public long blocksDone() {
    return blocksDone;
  }

  /** An estimate of the blocks still to fetch, from the peer's advertised head. */
  public long blocksLeft() {
    return blocksLeft;
  }

  @Override
  public String toString() {
    return peer == null ? state.name() : state + "(" + peer.shortId() + ", " + blocksDone + " done, ~" + blocksLeft + " left)";
  }
}
