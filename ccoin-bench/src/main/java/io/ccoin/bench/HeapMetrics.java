package io.ccoin.bench;

/**
 * A node's JVM heap from its Prometheus text ({@code GET /metrics}, docs/MONITORING.md): the sum
 * over the heap's pools of {@code jvm_memory_used_bytes{area="heap"}}, and of
 * {@code jvm_memory_max_bytes{area="heap"}} where a pool has a maximum (G1's eden and survivor
 * spaces report -1: their room is the old generation's).
 *
 * @param usedBytes heap in use, -1 when the text has no heap figure
 * @param maxBytes the heap's maximum, -1 when unknown
 */
record HeapMetrics(long usedBytes, long maxBytes) {

  static HeapMetrics parse(String prometheusText) {
    double used = 0;
    double max = 0;
    boolean seenUsed = false;
    boolean seenMax = false;
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith("#") || !line.contains("area=\"heap\"")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1).strip());
      } catch (NumberFormatException e) {
        continue;
      }
      if (line.startsWith("jvm_memory_used_bytes{")) {
        used += value;
        seenUsed = true;
      } else if (line.startsWith("jvm_memory_max_bytes{") && value > 0) {
        max += value;
        seenMax = true;
      }
    }
    return new HeapMetrics(seenUsed ? (long) used : -1, seenMax ? (long) max : -1);
  }
}
