package io.ccoin.node.http;

import io.ccoin.core.Head;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.PendingVote;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Head;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /miners}: each authority in force after the head (the genesis miners on a version 1
 * network, {@code A(head)} on a version 2 one, SPEC 7.1) with whether it is in turn on top of the
 * head, the last canonical block it mined and how many of the last {@code window} blocks it mined;
 * {@code turnOrder}, the set in the order the turn passes from the next leader; and on a version 2
 * network {@code epoch}, {@code nextCheckpoint}, the pending {@code votes} of the tally and this
 * node's {@code proposals}. The chain part is computed by walking back from one head snapshot, at
 * most {@code walkLimit} blocks (a miner with no block in that stretch has {@code lastBlock:
 * null}), and cached until the head changes; the proposals, which change without a new head, are
 * read on every call. Thread-safe.
 */
final class MinerStats {
  /** How often the chain part is read again when the head moved while it was read. */
  private static final int SNAPSHOT_TRIES = 5;

  private final CcoinNode node;
  private final int window;
  private final long walkLimit;
  private final AtomicReference<Cached> cache = new AtomicReference<>();

  private record Cached(Head head, ObjectNode json) {}

  MinerStats(CcoinNode node, int window, long walkLimit) {
    this.node = node;
    this.window = window;
    this.walkLimit = Math.max(window, walkLimit);
  }

  ObjectNode json() {
    ObjectNode chainPart = chainPart();
    if (!chainPart.has("epoch")) {
      return chainPart;
    }
    ObjectNode out = chainPart.deepCopy();
    out.set("proposals", Proposals.json(node.proposals()));
    return out;
  }

  private ObjectNode chainPart() {
    for (int tries = 1; ; tries++) {
      Head head = node.head();
      Cached c = cache.get();
      if (c != null && c.head() == head) {
        return c.json();
      }
      ObjectNode json = compute(head);
      // The set, the leader and the tally are read for the node's head: keep them only if it did not move meanwhile.
      if (node.head() == head || tries == SNAPSHOT_TRIES) {
        cache.set(new Cached(head, json));
        return json;
      }
    }
  }

  private ObjectNode compute(Head head) {
    ConsensusParams params = node.params();
    List<Address> miners = node.authoritiesAfter(head.hash()).orElseGet(node::authorities);
    Set<Address> authorities = new HashSet<>(miners);
    Map<Address, StoredBlock> last = new HashMap<>();
    Map<Address, Integer> recent = new HashMap<>();
    long oldestRecent = head.number() - window + 1;
    StoredBlock cursor = head.stored();
    long walked = 0;
    while (cursor.number() > 0 && walked < walkLimit) {
      if (cursor.number() < oldestRecent && last.size() == miners.size()) {
        break;
      }
      Address miner = cursor.block().header().miner();
      if (authorities.contains(miner)) {
        last.putIfAbsent(miner, cursor);
      }
      if (cursor.number() >= oldestRecent) {
        recent.merge(miner, 1, Integer::sum);
      }
      walked++;
      cursor = node.block(cursor.parentHash()).orElse(null);
      if (cursor == null) {
        break;
      }
    }
    Address leader = node.inTurnNext();
    ObjectNode out = Json.object();
    out.put("number", head.number());
    out.put("window", window);
    ArrayNode order = out.putArray("turnOrder");
    int first = Math.max(0, miners.indexOf(leader));
    for (int i = 0; i < miners.size(); i++) {
      order.add(miners.get((first + i) % miners.size()).toHex());
    }
    ArrayNode list = out.putArray("miners");
    for (Address m : miners) {
      ObjectNode o = list.addObject();
      o.put("address", m.toHex());
      o.put("inTurn", m.equals(leader));
      StoredBlock b = last.get(m);
      if (b == null) {
        o.putNull("lastBlock");
      } else {
        o.putObject("lastBlock")
            .put("number", b.number())
            .put("hash", b.hash().toHex())
            .put("timestamp", b.block().header().timestamp());
      }
      o.put("recentBlocks", recent.getOrDefault(m, 0));
    }
    if (params.votingEnabled()) {
      out.put("epoch", params.epoch());
      out.put("nextCheckpoint", (head.number() / params.epoch() + 1) * params.epoch());
      ArrayNode votes = out.putArray("votes");
      for (PendingVote v : node.tally()) {
        votes.addObject().put("voter", v.voter().toHex()).put("candidate", v.candidate().toHex()).put("authorize", v.authorize());
      }
    }
    return out;
  }
}
