package io.ccoin.node.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a scenario did and what the checker found: one row of {@code docs/RELIABILITY.md}'s table,
 * and the list of broken invariants ({@link #failures()}, empty when the network held).
 */
record ScenarioReport(
    String scenario,
    int loadPerSecond,
    String faults,
    int accepted,
    int confirmed,
    Map<String, Integer> droppedByReason,
    int lost,
    int stillPending,
    double convergeSeconds,
    Map<String, Integer> refusedByReason,
    int blocks,
    List<String> failures) {

  int dropped() {
    return droppedByReason.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The table header that {@link #row()} fills. */
  static String header() {
    return "| scenario | load | faults | accepted | confirmed | dropped (reason) | lost | converged after heal | blocks | result |\n"
        + "|---|---|---|---|---|---|---|---|---|---|";
  }

  String row() {
    String dropped = droppedByReason.isEmpty() ? "0"
        : dropped() + " (" + droppedByReason.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    return "| " + scenario + " | " + loadPerSecond + " tx/s | " + faults + " | " + accepted + " | " + confirmed + " | " + dropped
        + " | " + lost + " | " + (convergeSeconds < 0 ? "never" : String.format("%.1f s", convergeSeconds)) + " | " + blocks
        + " | " + (failures.isEmpty() ? "held" : "FAILED: " + String.join("; ", failures)) + " |";
  }

  /** A few lines for the test's output: the row, the refusals, and every failure. */
  String summary() {
    List<String> lines = new ArrayList<>();
    lines.add(scenario + ": accepted " + accepted + ", confirmed " + confirmed + ", dropped " + droppedByReason + ", lost " + lost
        + " (still pending " + stillPending + "), converged " + (convergeSeconds < 0 ? "never" : String.format("%.1f s", convergeSeconds))
        + " after the faults, " + blocks + " blocks");
    lines.add("  not accepted at submission: " + refusedByReason);
    failures.forEach(f -> lines.add("  FAILED: " + f));
    return String.join("\n", lines);
  }
}
