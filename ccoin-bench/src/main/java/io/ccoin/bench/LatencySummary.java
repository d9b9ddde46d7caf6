package io.ccoin.bench;

import java.util.Arrays;

/**
 * Count, median, 99th percentile and maximum of a set of latencies (nearest rank: the p-th
 * percentile of n sorted values is the value at rank {@code ceil(p * n)}).
 *
 * @param count how many latencies there were
 * @param p50Millis the median in milliseconds, NaN when there were none
 * @param p99Millis the 99th percentile in milliseconds, NaN when there were none
 * @param maxMillis the largest in milliseconds, NaN when there were none
 */
record LatencySummary(int count, double p50Millis, double p99Millis, double maxMillis) {
  /** The summary of {@code nanos} (not changed). */
  static LatencySummary ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencySummary(sorted.length, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
        millis(sorted[sorted.length - 1]));
  }

  /** The nearest-rank {@code p}-th percentile (0 &lt; p &le; 1) of sorted, non-empty {@code values}. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0 || !(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("need values and 0 < p <= 1, got " + sorted.length + " values and p " + p);
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
