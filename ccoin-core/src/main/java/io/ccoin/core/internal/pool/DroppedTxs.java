package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.DroppedTx;

import io.ccoin.api.Hash;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pool's memory of the transactions it dropped (SPEC 8: for at least an hour), bounded in
 * count and bytes. An entry is kept for {@link #RETENTION} after its drop; when more than
 * {@link #MAX_COUNT} entries or {@link #MAX_BYTES} encoded transaction bytes would be held, the
 * oldest go first, so only a flood of over 100,000 drops within the hour shortens the memory. At
 * the bounds this holds about 64 MiB of transactions plus about 200 bytes per entry.
 * Not thread-safe: {@link TxPool} guards it with its lock.
 */
final class DroppedTxs {
  /** How long a drop is remembered. */
  static final Duration RETENTION = Duration.ofHours(1);
  /** Most drops remembered. */
  static final int MAX_COUNT = 100_000;
  /** Most encoded transaction bytes remembered. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Clock clock;
  private final int maxCount;
  private final long maxBytes;
  /** Oldest drop first. */
  private final LinkedHashMap<Hash, Entry> entries = new LinkedHashMap<>();
  private long bytes;

  private record Entry(DroppedTx drop, int size) {}

  DroppedTxs(Clock clock) {
    this(clock, MAX_COUNT, MAX_BYTES);
  }

  DroppedTxs(Clock clock, int maxCount, long maxBytes) {
    this.clock = clock;
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
  }

  /** Remembers that {@code tx} left the pool for {@code reason}, now. */
  void record(PooledTx tx, io.ccoin.api.event.TxDroppedEvent.Reason reason) {
    forget(tx.hash());
    long now = clock.millis();
    entries.put(tx.hash(), new Entry(new DroppedTx(tx.tx(), tx.hash(), reason, now), tx.size()));
    bytes += tx.size();
    prune(now);
  }

  /** The drop of this transaction, if it happened within {@link #RETENTION}. */
  Optional<DroppedTx> get(Hash hash) {
    prune(clock.millis());
    Entry e = entries.get(hash);
    return e == null ? Optional.empty() : Optional.of(e.drop());
  }

  /** Forgets a drop, e.g. of a transaction submitted again. */
  void forget(Hash hash) {
    Entry old = entries.remove(hash);
    if (old != null) {
      bytes -= old.size();
    }
  }

  int size() {
    return entries.size();
  }

  private void prune(long now) {
    long oldest = now - RETENTION.toMillis();
    Iterator<Map.Entry<Hash, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry e = it.next().getValue();
      if (e.drop().droppedAt() >= oldest && entries.size() <= maxCount && bytes <= maxBytes) {
        return;
      }
      it.remove();
      bytes -= e.size();
    }
  }
}
