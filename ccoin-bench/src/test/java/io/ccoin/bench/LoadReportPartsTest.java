package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Hash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of the load generator's report (issue 16's goal rows): the rate offered by
 * {@code --rate-of-v}, the gaps between blocks, refused requests and their round trips, the nodes'
 * agreement, and the heap read from a node's metrics.
 */
class LoadReportPartsTest {
  @Test
  void rateOfVIsTheMultipleOfVRoundedAndAtLeastOne() {
    assertThat(RawVerifyRate.offeredRate(0.15, 38_000)).isEqualTo(5_700);
    assertThat(RawVerifyRate.offeredRate(0.08, 16_447)).isEqualTo(1_316); // 1,315.76
    assertThat(RawVerifyRate.offeredRate(0.3, 16_447.5)).isEqualTo(4_934); // 4,934.25
    assertThat(RawVerifyRate.offeredRate(0.001, 100)).isEqualTo(1);
    for (double[] bad : new double[][] {{0, 100}, {-1, 100}, {0.1, 0}, {Double.NaN, 100}, {0.1, Double.POSITIVE_INFINITY}}) {
      assertThatThrownBy(() -> RawVerifyRate.offeredRate(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void blockGapsAreBetweenConsecutiveTimestampsAndTheOpenGapToTheEnd() {
    // interval 1 s: gaps 1,000, 500, 2,500 (over 2 s), 2,000 (not over), then 300 ms open
    BlockGaps g = BlockGaps.of(List.of(10_000L, 11_000L, 11_500L, 14_000L, 16_000L), 16_300, 1_000);
    assertThat(g.largestMillis()).isEqualTo(2_500);
    assertThat(g.overTwiceInterval()).isEqualTo(1);
    assertThat(g.gapMillis()).containsExactly(1_000, 500, 2_500, 2_000);
    assertThat(g.blockMillis()).containsExactly(11_000, 11_500, 14_000, 16_000);
    assertThat(g.openMillis()).isEqualTo(300);
    assertThat(g.blocks()).isEqualTo(5);
    assertThat(g.format()).contains("largest 2,500 ms", "1 over 2 x interval (2,000 ms)", "4 gaps between 5 blocks", "300 ms");

    // a chain that stopped: the open gap is the largest and counts
    BlockGaps stopped = BlockGaps.of(List.of(0L, 1_000L), 9_000, 1_000);
    assertThat(stopped.largestMillis()).isEqualTo(8_000);
    assertThat(stopped.overTwiceInterval()).isEqualTo(1);

    // a timestamp below its predecessor's is a gap of 0; no block at all is nothing
    assertThat(BlockGaps.of(List.of(5_000L, 4_000L), 4_000, 1_000).gapMillis()).containsExactly(0);
    BlockGaps none = BlockGaps.of(List.of(), 1_000, 1_000);
    assertThat(none.largestMillis()).isZero();
    assertThat(none.overTwiceInterval()).isZero();
    assertThat(none.blocks()).isZero();
  }

  @Test
  void theSteadyStateLeavesOutTheWarmUpsTransactionsAndGaps() {
    long s = 1_000_000_000L;
    long t0 = 100 * s;
    // four transactions: two submitted in the 2 s warm-up (one of them slow), two after it, one never mined
    long[] submitted = {t0, t0 + s, t0 + 2 * s, t0 + 3 * s};
    long[] mined = {t0 + 9 * s, t0 + 9 * s + s / 2, t0 + 2 * s + s / 4, 0};
    // interval 1.5 s; blocks stamped at wall 10.0 s (after a 5 s gap, in the warm-up), 12.5 s and 13.0 s (after it)
    BlockGaps gaps = BlockGaps.of(List.of(5_000L, 10_000L, 12_500L, 13_000L), 13_000, 1_500);
    SteadyState steady = SteadyState.of(2, t0, 10_000, t0 + 3 * s, submitted, mined, gaps);

    assertThat(steady.submitted()).isEqualTo(2);
    assertThat(steady.mined()).isEqualTo(1);
    assertThat(steady.p50()).isEqualTo(250);
    assertThat(steady.p99()).isEqualTo(250);
    assertThat(steady.max()).isEqualTo(250);
    assertThat(steady.minedPerSecond()).as("one mined in [t0 + 2 s, t0 + 3 s]").isEqualTo(1.0);
    assertThat(steady.gapsOverTwiceInterval()).as("the 5 s gap closed in the warm-up").isZero();
    assertThat(steady.largestGapMillis()).isEqualTo(2_500);
    assertThat(steady.format(10)).contains("after the 2 s warm-up: 2 submitted, 1 mined (50.0%)", "(0.100 V)", "p99 250 ms",
        "over 2 x interval 0 (largest 2,500 ms)");

    SteadyState stalled = SteadyState.of(2, t0, 10_000, t0 + 3 * s, submitted, mined, BlockGaps.of(List.of(12_000L), 20_000, 1_000));
    assertThat(stalled.gapsOverTwiceInterval()).as("the open gap to the end counts").isEqualTo(1);
    assertThat(stalled.largestGapMillis()).isEqualTo(8_000);
  }

  @Test
  void refusedRequestsAreCountedByStatusAndRetryAfterWithTheirOwnRoundTrips() {
    RequestStats stats = new RequestStats();
    for (int i = 1; i <= 100; i++) {
      stats.answered(i % 2 == 0 ? 200 : 202, null, "", i * 1_000_000L); // 1 .. 100 ms
    }
    for (int i = 1; i <= 50; i++) {
      stats.answered(503, "1", "not_ready", i * 10_000L); // 0.01 .. 0.5 ms
    }
    stats.answered(429, "3", "rate_limited", 2_000_000L);
    stats.answered(409, null, "pool_full", 4_000_000L);
    stats.failed(30_000_000_000L);
    RequestStats.Summary s = stats.summary();
    assertThat(s.taken()).isEqualTo(100);
    assertThat(s.takenP50()).isEqualTo(50_000);
    assertThat(s.takenP99()).isEqualTo(99_000);
    assertThat(s.refused()).isEqualTo(53);
    assertThat(s.refusedP50()).isEqualTo(270); // the 27th of 53 sorted: 0.27 ms
    assertThat(s.refusedP99()).isEqualTo(30_000_000);
    assertThat(s.refusedByKind()).containsExactlyInAnyOrderEntriesOf(Map.of("503 not_ready, Retry-After: 1", 50,
        "429 rate_limited, Retry-After: 3", 1, "409 pool_full, no Retry-After", 1, "io error", 1));
    assertThat(s.format()).contains("100 taken, round trip p50 50.0 ms p99 99.0 ms", "53 refused, round trip p50 0.3 ms",
        "503 not_ready, Retry-After: 1=50");
    assertThat(new RequestStats().summary().format()).isEqualTo("requests: 0 taken, round trip p50 0.0 ms p99 0.0 ms; 0 refused");
  }

  @Test
  void nodesAgreeWhenEveryOneHasTheSameBlockAtTheLowestHead() {
    Hash a = InclusionTrackerTest.hash(1);
    Hash b = InclusionTrackerTest.hash(2);
    Map<String, Long> heads = new LinkedHashMap<>();
    heads.put("n1", 12L);
    heads.put("n2", 10L);
    heads.put("n3", 11L);
    Map<String, Hash> same = new LinkedHashMap<>();
    same.put("n1", a);
    same.put("n2", a);
    same.put("n3", a);
    Agreement yes = Agreement.of(heads, same);
    assertThat(yes.height()).isEqualTo(10);
    assertThat(yes.agree()).isTrue();
    assertThat(yes.format()).startsWith("agreement: all 3 nodes agree at #10 (" + a.toHex().substring(0, 8) + "...)");

    Map<String, Hash> split = new LinkedHashMap<>(same);
    split.put("n3", b);
    Agreement no = Agreement.of(heads, split);
    assertThat(no.agree()).isFalse();
    assertThat(no.format()).contains("DISAGREE at #10", a.toHex().substring(0, 8) + "...=[n1, n2]", b.toHex().substring(0, 8) + "...=[n3]");

    Map<String, Long> silent = new LinkedHashMap<>(heads);
    silent.put("n2", null);
    Map<String, Hash> none = new LinkedHashMap<>();
    silent.keySet().forEach(n -> none.put(n, null));
    Agreement unknown = Agreement.of(silent, none);
    assertThat(unknown.height()).isEqualTo(-1);
    assertThat(unknown.agree()).isFalse();
    assertThat(unknown.format()).contains("no answer=[n1, n2, n3]");

    Map<String, Hash> oneMissing = new LinkedHashMap<>(same);
    oneMissing.put("n2", null);
    assertThat(Agreement.of(heads, oneMissing).agree()).isFalse();
    assertThat(Agreement.of(Map.of("n1", 5L), Map.of("n1", a)).format()).startsWith("agreement: all 1 node agree at #5");
  }

  @Test
  void heapIsTheSumOfTheHeapPoolsOfTheMetrics() {
    String metrics = """
        # HELP jvm_memory_used_bytes The amount of used memory
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 1048576.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 4194304.0
        jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"} -1.0
        jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 1.073741824E9
        jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
        jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1.0
        jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 9.9E7
        """;
    HeapMetrics h = HeapMetrics.parse(metrics);
    assertThat(h.usedBytes()).isEqualTo(1_048_576 + 20_971_520 + 4_194_304);
    assertThat(h.maxBytes()).isEqualTo(1_073_741_824);
    assertThat(HeapMetrics.parse("ccoin_head_number 5.0\n")).isEqualTo(new HeapMetrics(-1, -1));
    assertThat(HeapMetrics.parse("jvm_memory_used_bytes{area=\"heap\",id=\"x\"} garbage\n").usedBytes()).isEqualTo(-1);
  }

  @Test
  void theChartPageHasTheHeapAndBlockGapCharts() {
    RunSeries s = new RunSeries(List.of("a", "b"), List.of("m1"));
    s.add(1, new long[] {10, 10}, new long[] {5}, 3, 100, 200, new long[] {0, 0}, new long[] {50L << 20, -1});
    s.add(2, new long[] {10, 10}, new long[] {15}, 0, 100, 200, new long[] {0, 0}, new long[] {60L << 20, 70L << 20});
    s.blockGaps(new double[] {0.5, 1.5}, new double[] {900, 2_600}, 2_000);
    String html = s.page("t", List.of()).html();
    assertThat(html).contains("JVM heap in use of each node", "MiB", "Time between each block", "gap before the block", "2 x interval",
        ">refused<");
    assertThatThrownBy(() -> s.blockGaps(new double[1], new double[2], 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.add(3, new long[2], new long[1], 0, 0, 0, new long[2], new long[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
