package io.ccoin.node.http;

import io.ccoin.core.CcoinNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the node is ready to serve (SPEC 11): synced, with at least {@code min_peers} peers, and
 * no refused reorg. Immutable.
 */
record Readiness(boolean synced, String syncState, int peers, int minPeers, boolean reorgRefused) {
  static Readiness of(CcoinNode node, NetworkView network) {
    return new Readiness(network.synced(), network.syncState(), network.peerCount(), network.minPeers(), node.chain().reorgRefused());
  }

  boolean ready() {
    return synced && peers >= minPeers && !reorgRefused;
  }

  /** Why the node is not ready, for humans; empty when it is. */
  String reasons() {
    List<String> why = new ArrayList<>();
    if (!synced) {
      why.add("sync state is " + syncState);
    }
    if (peers < minPeers) {
      why.add(peers + " peer(s), at least " + minPeers + " needed");
    }
    if (reorgRefused) {
      why.add("a reorg deeper than max_reorg_depth was refused; the node keeps its own chain until restarted");
    }
    return String.join("; ", why);
  }
}
