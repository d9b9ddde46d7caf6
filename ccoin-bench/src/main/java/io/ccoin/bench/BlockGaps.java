package io.ccoin.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Block production under load: the gaps between the timestamps of consecutive blocks of the
 * followed chain, from the head before the run to the last block seen, and the open gap from that
 * last block to the end of the run (a chain that stopped altogether has no closed gap to show it).
 * Issue 16's overload goal: no gap over 2 × interval.
 *
 * @param largestMillis the largest gap, the open one included (0 with fewer than one block)
 * @param overTwiceInterval how many gaps (the open one included) were longer than 2 × interval
 * @param intervalMillis the genesis {@code interval}
 * @param blockMillis the timestamp of each block after the first, in order
 * @param gapMillis the gap before each of those blocks
 * @param openMillis the time from the last block to the end, 0 when the end is not after it
 * @param blocks the blocks followed, the head before the run included
 */
record BlockGaps(long largestMillis, int overTwiceInterval, long intervalMillis, long[] blockMillis, long[] gapMillis,
    long openMillis, int blocks) {

  /**
   * The gaps of {@code timestamps} (the followed blocks' timestamps in ms, in block order; a
   * timestamp below its predecessor's counts as a gap of 0) up to {@code endMillis}.
   */
  static BlockGaps of(List<Long> timestamps, long endMillis, long intervalMillis) {
    long limit = 2 * intervalMillis;
    List<long[]> gaps = new ArrayList<>();
    long largest = 0;
    int over = 0;
    for (int i = 1; i < timestamps.size(); i++) {
      long gap = Math.max(0, timestamps.get(i) - timestamps.get(i - 1));
      gaps.add(new long[] {timestamps.get(i), gap});
      largest = Math.max(largest, gap);
      if (gap > limit) {
        over++;
      }
    }
    long open = timestamps.isEmpty() ? 0 : Math.max(0, endMillis - timestamps.get(timestamps.size() - 1));
    largest = Math.max(largest, open);
    if (open > limit) {
      over++;
    }
    long[] at = new long[gaps.size()];
    long[] gap = new long[gaps.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = gaps.get(i)[0];
      gap[i] = gaps.get(i)[1];
    }
    return new BlockGaps(largest, over, intervalMillis, at, gap, open, timestamps.size());
  }

  /** The report line. */
  String format() {
    return String.format("block gaps: largest %,d ms, %d over 2 x interval (%,d ms), in %d gaps between %d blocks"
        + " and %,d ms from the last block to the end", largestMillis, overTwiceInterval, 2 * intervalMillis, gapMillis.length,
        blocks, openMillis);
  }
}
