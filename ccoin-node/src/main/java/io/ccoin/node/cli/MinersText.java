package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The text {@code ccoin miners} prints for a {@code GET /api/v1/miners} answer. Stateless. */
final class MinersText {
  private MinersText() {}

  /** The set in turn order, then (on a network that votes) the epoch, the pending votes and this node's proposals. */
  static String describe(JsonNode m) {
    StringBuilder sb = new StringBuilder();
    JsonNode miners = m.path("miners");
    sb.append("Authorities in force after block ").append(m.path("number").asLong()).append(" (").append(miners.size())
        .append("), in turn order from the next leader:\n");
    JsonNode order = m.path("turnOrder");
    for (JsonNode address : order) {
      JsonNode x = find(miners, address.asText());
      sb.append("  ").append(address.asText());
      if (x.path("inTurn").asBoolean()) {
        sb.append("  in turn next");
      }
      JsonNode last = x.path("lastBlock");
      sb.append(last.isObject() ? "  last block " + last.path("number").asLong() : "  no recent block")
          .append(", ").append(x.path("recentBlocks").asInt()).append(" of the last ").append(m.path("window").asInt()).append(" blocks\n");
    }
    if (!m.has("epoch")) {
      sb.append("This network does not vote on its authorities (no epoch in its genesis: a version 1 network).\n");
      return sb.toString();
    }
    sb.append("Voting: epoch ").append(m.path("epoch").asLong()).append(" blocks; the next checkpoint, which forgets unfinished votes, is block ")
        .append(m.path("nextCheckpoint").asLong()).append(". A vote passes with more than half of ").append(miners.size()).append(".\n");
    JsonNode votes = m.path("votes");
    if (votes.isEmpty()) {
      sb.append("No pending votes.\n");
    } else {
      sb.append("Pending votes (").append(votes.size()).append("):\n");
      for (JsonNode v : votes) {
        sb.append("  ").append(v.path("voter").asText()).append(" votes to ").append(v.path("authorize").asBoolean() ? "add " : "remove ")
            .append(v.path("candidate").asText()).append('\n');
      }
    }
    sb.append(proposals(m.path("proposals")));
    return sb.toString();
  }

  /** This node's open proposals, one a line. */
  static String proposals(JsonNode proposals) {
    if (proposals.isEmpty()) {
      return "This node has no open proposals.\n";
    }
    StringBuilder sb = new StringBuilder("This node's open proposals (" + proposals.size() + "):\n");
    for (JsonNode p : proposals) {
      sb.append("  ").append(p.path("authorize").asBoolean() ? "add " : "remove ").append(p.path("candidate").asText()).append('\n');
    }
    return sb.toString();
  }

  private static JsonNode find(JsonNode miners, String address) {
    for (JsonNode x : miners) {
      if (address.equals(x.path("address").asText())) {
        return x;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
