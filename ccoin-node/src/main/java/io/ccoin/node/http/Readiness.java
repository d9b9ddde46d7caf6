package io.ccoin.node.http;

import io.ccoin.core.CcoinNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the node is ready to serve (SPEC 11): synced (and neither {@link NodeHealth#ISOLATED} nor
 * {@link NodeHealth#STALLED}), with at least {@code min_peers} peers, no refused reorg, no store
 * failure (a failed commit, or a record the store could not read), and a majority of the
 * authorities among the sealers of the last N blocks ({@link NodeHealth}). Immutable.
 */
record Readiness(NodeHealth.Snapshot health, int peers, int minPeers, boolean reorgRefused, Optional<String> storeFailure) {
  static Readiness of(CcoinNode node, NetworkView network, NodeHealth health) {
    return new Readiness(health.snapshot(), network.peerCount(), network.minPeers(), node.reorgRefused(),
        node.storeFailure());
  }

  String syncState() {
    return health.syncState();
  }

  boolean ready() {
    return health.synced() && peers >= minPeers && !reorgRefused && storeFailure.isEmpty() && health.majorityProducing();
  }

  /** Why the node is not ready, for humans; empty when it is. */
  String reasons() {
    List<String> why = new ArrayList<>();
    if (!health.synced()) {
      why.add("sync state is " + health.syncState() + (health.detail().isEmpty() ? "" : " (" + health.detail() + ")"));
    }
    if (peers < minPeers) {
      why.add(peers + " peer(s), at least " + minPeers + " needed");
    }
    if (reorgRefused) {
      why.add("a reorg deeper than max_reorg_depth was refused; the node keeps its own chain until restarted");
    }
    storeFailure.ifPresent(f -> why.add("the chain store failed, imports stopped until restart: " + f));
    if (!health.majorityProducing()) {
      why.add("only " + health.recentAuthorities().size() + " of " + health.authorities() + " authorities sealed the last "
          + health.window() + " blocks, fewer than a majority (" + (health.authorities() / 2 + 1) + ")");
    }
    return String.join("; ", why);
  }
}
