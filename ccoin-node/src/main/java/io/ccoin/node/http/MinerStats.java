package io.ccoin.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.chain.ChainHead;
import io.ccoin.core.consensus.Ranks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /miners}: each authority with whether it is in turn on top of the head, the last
 * canonical block it mined and how many of the last {@code window} blocks it mined. Computed by
 * walking back from one head snapshot, at most {@code walkLimit} blocks (a miner with no block in
 * that stretch has {@code lastBlock: null}), and cached until the head changes. Thread-safe.
 */
final class MinerStats {
  private final CcoinNode node;
  private final int window;
  private final long walkLimit;
  private final AtomicReference<Cached> cache = new AtomicReference<>();

  private record Cached(ChainHead head, ObjectNode json) {}

  MinerStats(CcoinNode node, int window, long walkLimit) {
    this.node = node;
    this.window = window;
    this.walkLimit = Math.max(window, walkLimit);
  }

  ObjectNode json() {
    ChainHead head = node.head();
    Cached c = cache.get();
    if (c != null && c.head() == head) {
      return c.json();
    }
    ObjectNode json = compute(head);
    cache.set(new Cached(head, json));
    return json;
  }

  private ObjectNode compute(ChainHead head) {
    ConsensusParams params = node.chain().params();
    List<Address> miners = params.miners();
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
      last.putIfAbsent(miner, cursor);
      if (cursor.number() >= oldestRecent) {
        recent.merge(miner, 1, Integer::sum);
      }
      walked++;
      cursor = node.chain().block(cursor.parentHash()).orElse(null);
      if (cursor == null) {
        break;
      }
    }
    Address leader = Ranks.leader(params, head.block().header());
    ObjectNode out = Json.object();
    out.put("number", head.number());
    out.put("window", window);
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
    return out;
  }
}
