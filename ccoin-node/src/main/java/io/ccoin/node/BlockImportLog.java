package io.ccoin.node;

import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per block imported from the network ({@code imported block #42 5b0e3c1a2f9d… with
 * 17 transactions}), at most {@link #LINES_PER_SECOND} a second: beyond that, as during a sync,
 * the blocks are counted and {@link #flush()} (called every second) logs one summary line
 * ({@code imported 240 more blocks, up to #1234}). Thread-safe.
 */
final class BlockImportLog {
  static final int LINES_PER_SECOND = 3;
  private static final Logger LOG = LoggerFactory.getLogger(BlockImportLog.class);

  private final Function<Hash, Optional<StoredBlock>> blocks;
  private final Clock clock;
  private long windowStartMs = Long.MIN_VALUE;
  private int linesInWindow;
  private long summarised;
  private Hash lastSummarised;

  BlockImportLog(Function<Hash, Optional<StoredBlock>> blocks, Clock clock) {
    this.blocks = blocks;
    this.clock = clock;
  }

  /** A block was imported (stored; on the canonical chain or a side branch). */
  synchronized void imported(Hash hash) {
    long now = clock.millis();
    if (windowStartMs == Long.MIN_VALUE || now - windowStartMs >= 1000) {
      flush();
      windowStartMs = now;
      linesInWindow = 0;
    }
    if (linesInWindow < LINES_PER_SECOND) {
      linesInWindow++;
      blocks.apply(hash).ifPresent(b -> LOG.info("imported block #{} {}… with {} {}", b.block().header().number(),
          hash.toHex().substring(0, 12), b.block().transactions().size(), b.block().transactions().size() == 1 ? "transaction" : "transactions"));
    } else {
      summarised++;
      lastSummarised = hash;
    }
  }

  /** Logs the summary of the blocks not logged one by one, if any. */
  synchronized void flush() {
    if (summarised == 0) {
      return;
    }
    long n = summarised;
    Optional<StoredBlock> last = blocks.apply(lastSummarised);
    summarised = 0;
    lastSummarised = null;
    LOG.info("imported {} more {}{}", n, n == 1 ? "block" : "blocks",
        last.map(b -> ", up to #" + b.block().header().number()).orElse(""));
  }
}
