package io.ccoin.node.http;

import io.ccoin.core.Head;
import io.ccoin.api.Address;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code /status}, readiness and the metrics tell about the node's health beyond the SPEC 9
 * sync machine (issue 17, "health that tells the truth"). The network's {@code SYNCED} only means
 * that no known peer is heavier; this refines it, on the node's clock:
 *
 * <ul>
 *   <li>{@link #ISOLATED}: the node has a network but no peer, so it cannot know it is synced;
 *       except the sole authority of its network (a one-validator chain is synced by definition).
 *   <li>{@link #STALLED}: the chain store failed (imports stopped), or no block for
 *       {@link #stallAfterMillis} ({@code 3 × (interval + (N − 1) × leader_timeout)}, three times the
 *       longest a live network leaves between blocks when only its last-ranked backup is up) while
 *       this node may not seal the next block itself (it is no authority, or mined one of the last
 *       {@code recent_window} blocks). Never at genesis, whose timestamp says nothing of liveness,
 *       and, without {@code allow_empty}, only while ready transactions wait (an idle chain makes no
 *       blocks).
 * </ul>
 *
 * <p>The <b>recent authorities</b> are the distinct authorities that sealed the last N blocks, N the
 * number of authorities (one full rotation, genesis not counted). A healthy network shows all its
 * live authorities there; SPEC 7's recents rule lets one authority seal at most one of any
 * {@code w + 1} consecutive blocks, so a chain grown by a minority either stalls ({@code w =
 * floor(N/2)}) or shows that minority here (a smaller {@code recent_window}). The node is not ready
 * when fewer than a majority ({@code floor(N/2) + 1}) appear once the chain has N blocks.
 *
 * <p>Thread-safe. The walk over the last N blocks is cached per head.
 */
final class NodeHealth {
  /** The node has a network and no peer. */
  static final String ISOLATED = "ISOLATED";
  /** The chain does not move although others should be producing, or imports stopped. */
  static final String STALLED = "STALLED";
  /** Stall after this many of the longest live gaps between blocks. */
  static final int STALL_GAPS = 3;

  private final CcoinNode node;
  private final NetworkView network;
  private final AtomicReference<Recent> cache = new AtomicReference<>();

  /** The miners of the last blocks of one head, newest first. */
  private record Recent(Hash head, List<Address> miners) {}

  NodeHealth(CcoinNode node, NetworkView network) {
    this.node = Objects.requireNonNull(node, "node");
    this.network = Objects.requireNonNull(network, "network");
  }

  /**
   * The node's health at one moment.
   *
   * @param syncState the network's state, or {@link #ISOLATED} / {@link #STALLED} in place of {@code SYNCED}
   * @param detail why the state is ISOLATED or STALLED; empty otherwise
   * @param headAgeMillis the node's clock minus the head's timestamp, at least 0
   * @param recentAuthorities the authorities that sealed the last {@code window} blocks, ascending
   * @param window the number of blocks looked at: N, or fewer on a younger chain
   * @param authorities N, the number of authorities
   */
  record Snapshot(String syncState, String detail, long headAgeMillis, List<Address> recentAuthorities, int window, int authorities) {
    /** A majority of the authorities sealed the last N blocks, or the chain is younger than N blocks. */
    boolean majorityProducing() {
      return window < authorities || recentAuthorities.size() * 2 > authorities;
    }

    boolean synced() {
      return NetworkView.SYNCED.equals(syncState);
    }
  }

  /** The longest a head may age before a node that is not producing calls the chain stalled, with {@code n} authorities. */
  static long stallAfterMillis(ConsensusParams p, int n) {
    return STALL_GAPS * (p.intervalMs() + (n - 1) * p.leaderTimeoutMs());
  }

  Snapshot snapshot() {
    Head head = node.head();
    ConsensusParams p = node.params();
    // the authorities in force after the head: the genesis miners on a version 1 network, A(head) on a version 2 one
    Set<Address> authorities = Set.copyOf(node.authoritiesAfter(head.hash()).orElseGet(node::authorities));
    int n = authorities.size();
    long age = Math.max(0, node.clock().millis() - head.block().header().timestamp());
    List<Address> miners = recentMiners(head, n);
    List<Address> recent = List.copyOf(new TreeSet<>(miners.stream().filter(authorities::contains).toList()));
    String state = network.syncState();
    String detail = "";
    if (network.synced()) {
      Optional<String> storeFailure = node.storeFailure();
      if (isolated(authorities)) {
        state = ISOLATED;
        detail = "no peers";
      } else if (storeFailure.isPresent()) {
        state = STALLED;
        detail = "the chain store failed: " + storeFailure.get();
      } else if (stalled(head, p, authorities, age, miners)) {
        state = STALLED;
        detail = "no block for " + seconds(age) + " s (stalled after " + seconds(stallAfterMillis(p, n)) + " s)";
      }
    }
    return new Snapshot(state, detail, age, recent, miners.size(), n);
  }

  private boolean isolated(Set<Address> authorities) {
    boolean hasNetwork = network.nodeId().isPresent(); // NetworkView.NONE has none
    return hasNetwork && network.peerCount() == 0 && !soleAuthority(authorities);
  }

  private boolean soleAuthority(Set<Address> authorities) {
    return authorities.size() == 1 && node.validatorAddress().filter(authorities::contains).isPresent();
  }

  private boolean stalled(Head head, ConsensusParams p, Set<Address> authorities, long age, List<Address> miners) {
    if (head.number() == 0 || age <= stallAfterMillis(p, authorities.size()) || mayProduceNext(p, authorities, miners)) {
      return false;
    }
    return p.allowEmpty() || node.poolStats().readyCount() > 0;
  }

  /** This node is an authority that mined none of the last w blocks (SPEC 7 item 5, with the N in force). */
  private boolean mayProduceNext(ConsensusParams p, Set<Address> authorities, List<Address> miners) {
    Optional<Address> self = node.validatorAddress().filter(authorities::contains);
    int w = (int) Math.min(p.recentWindow(authorities.size()), miners.size());
    return self.isPresent() && !miners.subList(0, w).contains(self.get());
  }

  /** The miners of the last {@code n} blocks before and including the head, newest first, genesis excluded. */
  private List<Address> recentMiners(Head head, int n) {
    Recent c = cache.get();
    if (c != null && c.head().equals(head.hash())) {
      return c.miners();
    }
    List<Address> out = new ArrayList<>(n);
    StoredBlock b = head.stored();
    while (b != null && b.number() > 0 && out.size() < n) {
      out.add(b.block().header().miner());
      b = out.size() < n ? node.block(b.parentHash()).orElse(null) : null;
    }
    List<Address> miners = List.copyOf(out);
    cache.set(new Recent(head.hash(), miners));
    return miners;
  }

  /** Milliseconds as seconds with three decimals, for JSON and messages. */
  static double seconds(long millis) {
    return millis / 1000.0;
  }
}
