package io.ccoin.node.http;

import io.ccoin.core.CcoinNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the node is ready to serve (SPEC 11): synced, with at least {@code min_peers} peers, and
 * no refused reorg, no store failure (a failed commit, or a record the store could not read). Immutable.
 */
record Readiness(boolean synced, String syncState, int peers, int minPeers, boolean reorgRefused, Optional<String> storeFailure) {
  static Readiness of(CcoinNode node, NetworkView network) {
    return new Readiness(network.synced(), network.syncState(), network.peerCount(), network.minPeers(), node.chain().reorgRefused(),
        node.chain().storeFailure());
  }

  boolean ready() {
    return synced && peers >= minPeers && !reorgRefused && storeFailure.isEmpty();
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
    storeFailure.ifPresent(f -> why.add("the chain store failed, imports stopped until restart: " + f));
    return String.join("; ", why);
  }
}
