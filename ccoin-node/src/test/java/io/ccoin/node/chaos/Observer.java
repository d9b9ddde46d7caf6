package io.ccoin.node.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches every node twice a second while a scenario runs: the recent blocks each one holds (so that
 * two different blocks by one miner at one height, on any branch any node showed, are seen) and
 * each node's readiness, with the time it was read.
 */
final class Observer implements AutoCloseable {
  /** One reading of a node's {@code /health/ready}. */
  record Readiness(int node, long atMillis, boolean ready) {}

  /** The pause between two looks at the nodes. */
  static final Duration PERIOD = Duration.ofMillis(500);

  private final LabNetwork net;
  private final LabClient client;
  /** "number miner" → the block hashes seen for it. */
  private final Map<String, Set<String>> signed = new ConcurrentHashMap<>();
  private final List<Readiness> readiness = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-observer");
    t.setDaemon(true);
    return t;
  });

  Observer(LabNetwork net, LabClient client) {
    this.net = net;
    this.client = client;
  }

  /** Looks at every live node now and then every {@link #PERIOD} (after the end of the previous look) until closed. */
  void start() {
    scheduler.scheduleWithFixedDelay(this::observeAll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void observeAll() {
    for (int i = 0; i < net.size(); i++) {
      if (net.alive(i)) {
        observe(i);
      }
    }
  }

  private void observe(int node) {
    client.json(net.api(node), "/api/v1/blocks?limit=12").ifPresent(this::recordBlocks);
    client.get(net.api(node), "/api/v1/health/ready")
        .ifPresent(a -> readiness.add(new Readiness(node, System.currentTimeMillis(), a.status() == 200)));
  }

  private void recordBlocks(JsonNode page) {
    for (JsonNode b : page) {
      if (b.path("number").asLong() == 0) {
        continue;
      }
      signed.computeIfAbsent(b.path("number").asLong() + " " + b.path("miner").asText(), k -> ConcurrentHashMap.newKeySet())
          .add(b.path("hash").asText());
    }
  }

  /** Each (height, miner) for which more than one block was seen, with the hashes. */
  Map<String, Set<String>> doubleSigned() {
    Map<String, Set<String>> out = new TreeMap<>();
    signed.forEach((k, v) -> {
      if (v.size() > 1) {
        out.put(k, Set.copyOf(v));
      }
    });
    return out;
  }

  /** How many (height, miner) pairs were seen at all (to show the observer saw something). */
  int blocksSeen() {
    return signed.size();
  }

  /** The readings of {@code node} taken between the two times. */
  List<Readiness> readiness(int node, long fromMillis, long toMillis) {
    List<Readiness> out = new ArrayList<>();
    for (Readiness r : readiness) {
      if (r.node() == node && r.atMillis() >= fromMillis && r.atMillis() <= toMillis) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
