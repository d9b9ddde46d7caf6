package io.ccoin.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a load run looked like second by second, for its chart page: transactions submitted to each
 * node and mined by each miner, transactions refused, the inclusion latency (p50, p99) of the
 * transactions seen mined in that second, each node's pool and JVM heap in use; and, block by block,
 * the gap before each block ({@link #blockGaps}). Filled in by the load generator's once-a-second
 * progress loop. Not thread-safe.
 */
final class RunSeries {
  private final List<String> nodes;
  private final List<String> miners;
  private final List<Double> seconds = new ArrayList<>();
  private final List<long[]> submitted = new ArrayList<>();
  private final List<long[]> mined = new ArrayList<>();
  private final List<double[]> latency = new ArrayList<>();
  private final List<long[]> pool = new ArrayList<>();
  private final List<long[]> heap = new ArrayList<>();
  private final List<Long> refused = new ArrayList<>();
  private double[] gapAt = new double[0];
  private double[] gapMillis = new double[0];
  private double gapLimitMillis = Double.NaN;

  /**
   * @param nodes the names of the nodes transactions are sent to (and whose pools are read)
   * @param miners the names of the miners, in the order of {@link #add}'s {@code minedByMiner}
   */
  RunSeries(List<String> nodes, List<String> miners) {
    this.nodes = List.copyOf(nodes);
    this.miners = List.copyOf(miners);
  }

  /**
   * One second of the run.
   *
   * @param second seconds since the run started
   * @param submittedByNode transactions sent to each node in that second
   * @param minedByMiner the run's transactions seen mined in that second, by each miner
   * @param p50Millis the median inclusion latency of those, NaN when there were none
   * @param poolByNode each node's pool size at the end of the second, -1 when it did not answer
   */
  void add(double second, long[] submittedByNode, long[] minedByMiner, double p50Millis, double p99Millis, long[] poolByNode) {
    add(second, submittedByNode, minedByMiner, 0, p50Millis, p99Millis, poolByNode, filled(nodes.size()));
  }

  /**
   * One second of the run, with the transactions refused in it and each node's heap in use (bytes,
   * -1 when it did not answer).
   */
  void add(double second, long[] submittedByNode, long[] minedByMiner, long refusedInSecond, double p50Millis, double p99Millis,
      long[] poolByNode, long[] heapByNode) {
    if (submittedByNode.length != nodes.size() || poolByNode.length != nodes.size() || heapByNode.length != nodes.size()
        || minedByMiner.length != miners.size()) {
      throw new IllegalArgumentException("one value per node and per miner");
    }
    heap.add(heapByNode.clone());
    refused.add(refusedInSecond);
    seconds.add(second);
    submitted.add(submittedByNode.clone());
    mined.add(minedByMiner.clone());
    latency.add(new double[] {p50Millis, p99Millis});
    pool.add(poolByNode.clone());
  }

  int size() {
    return seconds.size();
  }

  /** The gaps between blocks, for their chart: x in seconds of the run at each block, and the limit (2 × interval). */
  void blockGaps(double[] atSeconds, double[] gapsMillis, double limitMillis) {
    if (atSeconds.length != gapsMillis.length) {
      throw new IllegalArgumentException("one gap per block");
    }
    gapAt = atSeconds.clone();
    gapMillis = gapsMillis.clone();
    gapLimitMillis = limitMillis;
  }

  private static long[] filled(int n) {
    long[] out = new long[n];
    java.util.Arrays.fill(out, -1);
    return out;
  }

  /** The chart page: tx/s (submitted and mined, in all and per node), latency, pools. */
  ChartPage page(String title, List<String> notes) {
    int n = seconds.size();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = seconds.get(i);
    }
    Map<String, double[]> rates = new LinkedHashMap<>();
    rates.put("submitted", column(n, i -> sum(submitted.get(i))));
    rates.put("mined", column(n, i -> sum(mined.get(i))));
    rates.put("refused", column(n, i -> refused.get(i)));
    for (int k = 0; k < nodes.size(); k++) {
      int node = k;
      rates.put("submitted to " + nodes.get(k), column(n, i -> submitted.get(i)[node]));
    }
    for (int k = 0; k < miners.size(); k++) {
      int miner = k;
      rates.put("mined by " + miners.get(k), column(n, i -> mined.get(i)[miner]));
    }
    Map<String, double[]> latencies = new LinkedHashMap<>();
    latencies.put("p50", column(n, i -> latency.get(i)[0]));
    latencies.put("p99", column(n, i -> latency.get(i)[1]));
    Map<String, double[]> pools = new LinkedHashMap<>();
    for (int k = 0; k < nodes.size(); k++) {
      int node = k;
      pools.put(nodes.get(k), column(n, i -> pool.get(i)[node] < 0 ? Double.NaN : pool.get(i)[node]));
    }
    Map<String, double[]> heaps = new LinkedHashMap<>();
    for (int k = 0; k < nodes.size(); k++) {
      int node = k;
      heaps.put(nodes.get(k), column(n, i -> heap.get(i)[node] < 0 ? Double.NaN : heap.get(i)[node] / 1048576.0));
    }
    Map<String, double[]> gaps = new LinkedHashMap<>();
    gaps.put("gap before the block", gapMillis);
    double[] limit = new double[gapAt.length];
    java.util.Arrays.fill(limit, gapLimitMillis);
    gaps.put("2 x interval", limit);
    ChartPage page = new ChartPage(title);
    notes.forEach(page::note);
    return page
        .chart(new ChartPage.Chart("Transactions per second, submitted, mined and refused", "tx/s", x, rates))
        .chart(new ChartPage.Chart("Inclusion latency of the transactions seen mined in each second", "ms", x, latencies))
        .chart(new ChartPage.Chart("Pool size (pending transactions) of each node", "txs", x, pools))
        .chart(new ChartPage.Chart("JVM heap in use of each node, sampled once a second", "MiB", x, heaps))
        .chart(new ChartPage.Chart("Time between each block and the one before it (block timestamps)", "ms", gapAt, gaps));
  }

  private interface Column {
    double at(int i);
  }

  private static double[] column(int n, Column c) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = c.at(i);
    }
    return out;
  }

  private static double sum(long[] v) {
    long s = 0;
    for (long x : v) {
      s += x;
    }
    return s;
  }
}
