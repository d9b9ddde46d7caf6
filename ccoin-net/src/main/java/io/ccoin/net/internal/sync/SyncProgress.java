package io.ccoin.net.internal.sync;

/**
 * Progress of one sync: blocks done and left, the rate, and the time left at that rate, for the
 * log lines a syncing node writes. Not thread-safe.
 */
public final class SyncProgress {
  private final long startedAt;
  private final long startNumber;
  private long done;
  private long headNumber;
  private long targetNumber;

  public SyncProgress(long now, long startNumber, long targetNumber) {
    this.startedAt = now;
    this.startNumber = startNumber;
    this.headNumber = startNumber;
    this.targetNumber = targetNumber;
  }

  /** {@code imported} more blocks are in; the head is now {@code headNumber}, the peer's at {@code targetNumber}. */
  public void advance(int imported, long headNumber, long targetNumber) {
    this.done += imported;
    this.headNumber = headNumber;
    this.targetNumber = Math.max(this.targetNumber, targetNumber);
  }

  public long done() {
    return done;
  }

  /** Blocks still to fetch, from the peer's advertised head (an estimate). */
  public long left() {
    return Math.max(0, targetNumber - headNumber);
  }

  /** Blocks per second since the start. */
  public double rate(long now) {
    long ms = Math.max(1, now - startedAt);
    return done * 1000.0 / ms;
  }

  /** Seconds left at the current rate; -1 when there is no rate yet. */
  public long etaSeconds(long now) {
    double r = rate(now);
    return r <= 0 ? -1 : (long) Math.ceil(left() / r);
  }

  public long startNumber() {
    return startNumber;
  }

  /** One log line: head, blocks done and left, rate, ETA. */
  public String describe(long now) {
    long eta = etaSeconds(now);
    return String.format(java.util.Locale.ROOT, "#%d, %d block(s) done, ~%d left, %.1f blocks/s, ETA %s", headNumber, done, left(),
        rate(now), eta < 0 ? "unknown" : eta + " s");
  }
}
