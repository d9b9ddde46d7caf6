package io.ccoin.node.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.core.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The invariants a network must keep whatever was done to it, read from the nodes' own APIs: one
 * chain on every node, every accepted transaction confirmed or reported dropped with a reason, and
 * a total supply equal to the genesis allocation plus the rewards of the canonical blocks.
 */
final class Checker {
  /** The longest pause between two rounds of questions about the open transactions. */
  static final Duration SETTLE_POLL = Duration.ofSeconds(1);
  /** How long the supply check tries to read every balance at one head of node 0. */
  static final Duration SUPPLY_READ = Duration.ofSeconds(10);

  private final LabNetwork net;
  private final LabClient client;

  Checker(LabNetwork net, LabClient client) {
    this.net = net;
    this.client = client;
  }

  /**
   * Waits until every node holds the same block at the lowest of their head numbers and no head is
   * more than two blocks ahead of another; returns the seconds it took, or -1 at the timeout.
   */
  double awaitOneChain(Duration timeout) {
    long start = System.nanoTime();
    return Await.within(timeout, ChaosRun.POLL, this::oneChain) ? (System.nanoTime() - start) / 1e9 : -1;
  }

  private boolean oneChain() {
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    for (int i = 0; i < net.size(); i++) {
      Optional<JsonNode> status = client.json(net.api(i), "/api/v1/status");
      if (status.isEmpty()) {
        return false;
      }
      long n = status.get().path("number").asLong();
      low = Math.min(low, n);
      high = Math.max(high, n);
    }
    if (high - low > 2) {
      return false;
    }
    String hash = null;
    for (int i = 0; i < net.size(); i++) {
      Optional<JsonNode> block = client.json(net.api(i), "/api/v1/blocks/" + low);
      if (block.isEmpty()) {
        return false;
      }
      String h = block.get().path("hash").asText();
      if (hash != null && !hash.equals(h)) {
        return false;
      }
      hash = h;
    }
    return true;
  }

  /** Where every accepted transaction ended. */
  record Outcome(int confirmed, Map<String, Integer> droppedByReason, int stillPending, List<String> lost) {}

  /**
   * Asks the nodes about every accepted transaction until each is confirmed on node 0's chain or
   * reported dropped by some node, or the timeout passes; the rest are lost (listed with what each
   * node said of them).
   */
  Outcome settle(List<LoadDriver.Accepted> accepted, Duration timeout) {
    Map<String, LoadDriver.Accepted> open = new LinkedHashMap<>();
    accepted.forEach(a -> open.put(a.hash().toHex(), a));
    int[] confirmed = {0};
    Map<String, Integer> dropped = new TreeMap<>();
    Map<String, String> lastSeen = new HashMap<>();
    // one look asks every node about every open transaction: at most one look a second
    Await.within(timeout, SETTLE_POLL, () -> {
      for (String hash : List.copyOf(open.keySet())) {
        String verdict = verdict(hash, lastSeen);
        if (verdict.equals("confirmed")) {
          confirmed[0]++;
          open.remove(hash);
        } else if (verdict.startsWith("dropped:")) {
          dropped.merge(verdict.substring("dropped:".length()), 1, Integer::sum);
          open.remove(hash);
        }
      }
      return open.isEmpty();
    });
    int pending = 0;
    List<String> lost = new ArrayList<>();
    for (String hash : open.keySet()) {
      String seen = lastSeen.getOrDefault(hash, "unknown everywhere");
      if (seen.contains("pending")) {
        pending++;
      }
      LoadDriver.Accepted a = open.get(hash);
      lost.add(hash + " (sender " + a.sender() + " nonce " + a.nonce() + ", accepted by v" + a.node() + "): " + seen);
    }
    return new Outcome(confirmed[0], dropped, pending, lost);
  }

  /** "confirmed", "dropped:REASON" or "open"; what each node said goes into {@code lastSeen}. */
  private String verdict(String hash, Map<String, String> lastSeen) {
    StringBuilder said = new StringBuilder();
    for (int i = 0; i < net.size(); i++) {
      Optional<LabClient.Answer> a = client.get(net.api(i), "/api/v1/transactions/" + hash);
      String status = a.isEmpty() ? "no answer" : a.get().status() == 404 ? "unknown" : a.get().json().path("status").asText("?");
      if (i == 0 && status.equals("confirmed")) {
        return "confirmed";
      }
      if (status.equals("dropped")) {
        return "dropped:" + a.get().json().path("reason").asText("no reason given");
      }
      said.append(said.length() == 0 ? "" : ", ").append('v').append(i).append(' ').append(status);
    }
    lastSeen.put(hash, said.toString());
    return "open";
  }

  /**
   * The total supply read at one head of node 0 (every account the scenario ever touched: miners and
   * senders, who are also the recipients) against genesis + reward x head number. Empty when equal.
   */
  Optional<String> supplyProblem() {
    List<Address> accounts = new ArrayList<>(net.minerAddresses());
    net.senders().forEach(k -> accounts.add(k.address()));
    AtomicReference<Optional<String>> verdict = new AtomicReference<>();
    boolean read = Await.within(SUPPLY_READ, ChaosRun.POLL, () -> {
      supplyAtOneHead(accounts).ifPresent(verdict::set);
      return verdict.get() != null;
    });
    return read ? verdict.get() : Optional.of("could not read every balance at one head of v0 within " + SUPPLY_READ.toSeconds() + " s");
  }

  /**
   * The supply check of {@link #supplyProblem()} when every balance could be read with node 0's head
   * the same before and after; empty when it could not (a block arrived meanwhile, a node did not answer).
   */
  private Optional<Optional<String>> supplyAtOneHead(List<Address> accounts) {
    Optional<JsonNode> before = client.json(net.api(0), "/api/v1/status");
    if (before.isEmpty()) {
      return Optional.empty();
    }
    long sum = 0;
    for (Address a : accounts) {
      Optional<JsonNode> account = client.json(net.api(0), "/api/v1/accounts/" + a.toHex());
      if (account.isEmpty()) {
        return Optional.empty();
      }
      sum += Long.parseLong(account.get().path("balance").asText());
    }
    Optional<JsonNode> after = client.json(net.api(0), "/api/v1/status");
    if (after.isEmpty() || !before.get().path("hash").asText().equals(after.get().path("hash").asText())) {
      return Optional.empty();
    }
    long head = after.get().path("number").asLong();
    long expected = net.genesisSupply() + LabNetwork.REWARD * head;
    return Optional.of(sum == expected ? Optional.empty()
        : Optional.of("total supply " + sum + " at block " + head + ", expected " + expected + " (genesis " + net.genesisSupply()
            + " + " + head + " x " + LabNetwork.REWARD + ")"));
  }

  /** Node 0's head number. */
  long headNumber() {
    return client.json(net.api(0), "/api/v1/status").map(s -> s.path("number").asLong()).orElse(-1L);
  }
}
