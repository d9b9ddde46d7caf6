package io.ccoin.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load generator's submission requests, answered or not: how many were taken (HTTP 200 or 202;
 * a batch answered 200 counts as taken whatever became of its entries, which are counted per
 * transaction elsewhere) and how many refused as a whole, by status and {@code Retry-After}
 * ({@code "503 not_ready, Retry-After: 1"}, {@code "io error"} for no answer), and the round-trip
 * time of each kind, so that "the excess is refused fast" shows as refused requests answered much
 * sooner than taken ones. Thread-safe.
 */
final class RequestStats {
  private final Map<String, Integer> refusedByKind = new TreeMap<>();
  private long[] taken = new long[1024];
  private int takenCount;
  private long[] refused = new long[1024];
  private int refusedCount;

  /** What {@link #summary} reports: counts and p50/p99 round trips in microseconds of taken and refused requests. */
  record Summary(int taken, long takenP50, long takenP99, int refused, long refusedP50, long refusedP99,
      Map<String, Integer> refusedByKind) {
    /** The report line. */
    String format() {
      return String.format("requests: %,d taken, round trip p50 %,.1f ms p99 %,.1f ms; %,d refused%s", taken, takenP50 / 1e3,
          takenP99 / 1e3, refused, refused == 0 ? "" : String.format(", round trip p50 %,.1f ms p99 %,.1f ms: %s", refusedP50 / 1e3,
              refusedP99 / 1e3, refusedByKind));
    }
  }

  /** A request answered with {@code status} (and {@code retryAfter}, null when absent) after {@code nanos}. */
  synchronized void answered(int status, String retryAfter, String code, long nanos) {
    if (status == 200 || status == 202) {
      if (takenCount == taken.length) {
        taken = Arrays.copyOf(taken, 2 * taken.length);
      }
      taken[takenCount++] = nanos;
      return;
    }
    refusedOne(kind(status, code, retryAfter), nanos);
  }

  /** A request that got no answer (an I/O error) after {@code nanos}. */
  synchronized void failed(long nanos) {
    refusedOne("io error", nanos);
  }

  private void refusedOne(String kind, long nanos) {
    refusedByKind.merge(kind, 1, Integer::sum);
    if (refusedCount == refused.length) {
      refused = Arrays.copyOf(refused, 2 * refused.length);
    }
    refused[refusedCount++] = nanos;
  }

  /** {@code "503 not_ready, Retry-After: 1"}, or without the header {@code "409 pool_full, no Retry-After"}. */
  static String kind(int status, String code, String retryAfter) {
    return status + " " + code + (retryAfter == null ? ", no Retry-After" : ", Retry-After: " + retryAfter);
  }

  synchronized Summary summary() {
    long[] t = sortedMicros(taken, takenCount);
    long[] r = sortedMicros(refused, refusedCount);
    return new Summary(takenCount, LoadGenerator.quantile(t, 0.5), LoadGenerator.quantile(t, 0.99), refusedCount,
        LoadGenerator.quantile(r, 0.5), LoadGenerator.quantile(r, 0.99), new TreeMap<>(refusedByKind));
  }

  private static long[] sortedMicros(long[] nanos, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = nanos[i] / 1_000;
    }
    Arrays.sort(out);
    return out;
  }
}
