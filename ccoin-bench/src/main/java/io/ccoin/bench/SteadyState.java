package io.ccoin.bench;

import java.util.Arrays;

/**
 * The part of a run after its warm-up ({@code --warmup}): the transactions first submitted at or
 * after {@code start + warmup}, their inclusion latency, the rate at which the tracked chain mined
 * the run's transactions from then until the last first submission, and the gaps between the blocks
 * stamped from then on. The warm-up's transactions are submitted, followed and reported like the
 * others in the run's own lines; they are only left out of these figures, so that a backlog the
 * nodes built while their JIT compiled does not stand for their steady state.
 *
 * @param warmupSeconds the seconds left out at the start of the submission
 * @param submitted transactions first submitted after the warm-up
 * @param mined how many of those the tracked chain holds
 * @param minedPerSecond the run's transactions mined (any of them) per second between the end of
 *     the warm-up and the last first submission; 0 when that window is empty
 * @param p50 inclusion latency of those mined, ms
 * @param p99 inclusion latency of those mined, ms
 * @param max inclusion latency of those mined, ms
 * @param gapsOverTwiceInterval gaps between blocks stamped after the warm-up longer than 2 × interval
 * @param largestGapMillis the largest of those gaps
 */
record SteadyState(long warmupSeconds, long submitted, long mined, double minedPerSecond, long p50, long p99, long max,
    int gapsOverTwiceInterval, long largestGapMillis) {

  /**
   * Computes the figures from the run's stamps: {@code submitNanos[i]} and {@code minedNanos[i]}
   * (0 when never) on the clock of {@code t0}, {@code lastSubmit} the last first submission, and the
   * gaps of {@code gaps} whose block is stamped (wall clock) at or after {@code wallT0 + warmup}.
   */
  static SteadyState of(long warmupSeconds, long t0, long wallT0Millis, long lastSubmit, long[] submitNanos, long[] minedNanos,
      BlockGaps gaps) {
    long from = t0 + warmupSeconds * 1_000_000_000L;
    long[] latencies = new long[minedNanos.length];
    int n = 0;
    long submitted = 0;
    long minedInWindow = 0;
    for (int i = 0; i < minedNanos.length; i++) {
      long s = submitNanos[i];
      long m = minedNanos[i];
      if (s != 0 && s >= from) {
        submitted++;
        if (m != 0) {
          latencies[n++] = Math.max(0, (m - s) / 1_000_000);
        }
      }
      if (m != 0 && m >= from && m <= lastSubmit) {
        minedInWindow++;
      }
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    double seconds = (lastSubmit - from) / 1e9;
    long fromMillis = wallT0Millis + warmupSeconds * 1000;
    long limit = 2 * gaps.intervalMillis();
    int over = 0;
    long largest = 0;
    for (int i = 0; i < gaps.blockMillis().length; i++) {
      if (gaps.blockMillis()[i] >= fromMillis) {
        largest = Math.max(largest, gaps.gapMillis()[i]);
        if (gaps.gapMillis()[i] > limit) {
          over++;
        }
      }
    }
    if (gaps.openMillis() > 0) {
      largest = Math.max(largest, gaps.openMillis());
      if (gaps.openMillis() > limit) {
        over++;
      }
    }
    return new SteadyState(warmupSeconds, submitted, n, seconds > 0 ? minedInWindow / seconds : 0,
        LoadGenerator.quantile(sorted, 0.5), LoadGenerator.quantile(sorted, 0.99), n == 0 ? 0 : sorted[n - 1], over, largest);
  }

  /** The report line; {@code verifyPerSecond} is V. */
  String format(double verifyPerSecond) {
    return String.format("after the %d s warm-up: %,d submitted, %,d mined (%.1f%%); mined %,.0f tx/s (%.3f V) while submitting;"
        + " inclusion latency p50 %,d ms, p99 %,d ms, max %,d ms; block gaps over 2 x interval %d (largest %,d ms)",
        warmupSeconds, submitted, mined, submitted == 0 ? 0 : 100.0 * mined / submitted, minedPerSecond,
        verifyPerSecond <= 0 ? Double.NaN : minedPerSecond / verifyPerSecond, p50, p99, max, gapsOverTwiceInterval,
        largestGapMillis);
  }
}
