package io.ccoin.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The devnet launcher's progress line, from one node's API: its head, the transactions in the
 * blocks that arrived since the last line, its peers and its pool, e.g.
 * {@code block #42 (basic): 17 transactions in 3 blocks, 3 peers, 5 pending}. Not thread-safe.
 */
public final class DevnetProgress {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Devnet devnet;
  private final int node;
  private long lastHead = -1;

  public DevnetProgress(Devnet devnet, int node) {
    this.devnet = devnet;
    this.node = node;
  }

  /** The next line when the node's head moved since the last one; empty when it did not or the node does not answer. */
  public Optional<String> next() {
    Optional<JsonNode> status = read(devnet.get(node, "/api/v1/status"));
    if (status.isEmpty() || !status.get().has("number")) {
      return Optional.empty();
    }
    long head = status.get().path("number").asLong();
    if (head <= lastHead) {
      return Optional.empty();
    }
    long newBlocks = lastHead < 0 ? 1 : head - lastHead;
    int limit = (int) Math.min(100, newBlocks);
    long txs = 0;
    for (JsonNode b : read(devnet.get(node, "/api/v1/blocks?before=" + (head + 1) + "&limit=" + limit)).orElse(JSON.createArrayNode())) {
      txs += b.path("txCount").asLong();
    }
    lastHead = head;
    return Optional.of(format(head, devnet.nodes().get(node), txs, newBlocks, status.get().path("peers").asInt(),
        status.get().path("pool").asInt()));
  }

  static String format(long head, String node, long txs, long newBlocks, int peers, int pending) {
    String blocks = newBlocks > 100 ? " in the last 100 of " + newBlocks + " blocks" : newBlocks > 1 ? " in " + newBlocks + " blocks" : "";
    return "block #" + head + " (" + node + "): " + txs + (txs == 1 ? " transaction" : " transactions") + blocks + ", "
        + peers + (peers == 1 ? " peer" : " peers") + ", " + pending + " pending";
  }

  private static Optional<JsonNode> read(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
