package io.ccoin.node.cli;

import io.ccoin.api.BlockHeader;
import io.ccoin.api.Genesis;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.pow.ProofOfWork;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Mines a genesis block for the command line with an estimate and progress on stderr (issue 17,
 * defect 5). A genesis difficulty {@code d} takes about {@code 16^d} hashes on one core (the
 * smallest nonce from 0 upward). Below {@link #QUIET_HASHES} expected hashes (difficulty 5 or less,
 * a second or two) it mines silently. Otherwise it measures this machine's hash rate on the genesis
 * header for a moment, prints {@code mining genesis: expected ~N hashes, ~T at R H/s}, refuses an
 * expected time over {@link #LIMIT} unless forced, and prints progress at most every
 * {@link #PROGRESS_INTERVAL}. Not thread-safe; one per command.
 */
final class GenesisMining {
  /** Expected hashes below which mining is silent and unmeasured (difficulty <= 5). */
  static final double QUIET_HASHES = 1 << 21;
  /** The longest expected mining time accepted without {@code --force}. */
  static final Duration LIMIT = Duration.ofHours(1);
  /** The least time between two progress lines. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
  private static final long MEASURE_NANOS = Duration.ofMillis(300).toNanos();

  private final PrintWriter err;
  private final ToDoubleFunction<BlockHeader> hashRate;
  private final LongSupplier nanoTime;
  private final double quietHashes;
  private final long progressEvery;

  /** Measures the real hash rate and reads the system's nano time. */
  GenesisMining(PrintWriter err) {
    this(err, GenesisMining::measureHashRate, System::nanoTime, QUIET_HASHES, GenesisBlock.PROGRESS_EVERY);
  }

  /**
   * @param hashRate this machine's hashes per second on a header
   * @param nanoTime the time source of the progress lines
   * @param quietHashes expected hashes below which mining is silent
   * @param progressEvery nonces between checks whether a progress line is due
   */
  GenesisMining(PrintWriter err, ToDoubleFunction<BlockHeader> hashRate, LongSupplier nanoTime, double quietHashes, long progressEvery) {
    this.err = err;
    this.hashRate = hashRate;
    this.nanoTime = nanoTime;
    this.quietHashes = quietHashes;
    this.progressEvery = progressEvery;
  }

  /** An estimate of the genesis mining on this machine. */
  record Estimate(long difficulty, double hashes, double hashesPerSecond) {
    double seconds() {
      return hashes / hashesPerSecond;
    }

    String describe() {
      return "expected ~" + count(hashes) + " hashes, ~" + duration(seconds()) + " at " + count(hashesPerSecond) + " H/s";
    }
  }

  /**
   * Estimates the mining of {@code genesis} and, when it would take over {@link #LIMIT}, refuses
   * unless {@code force}; empty when the difficulty is too low to matter (nothing is measured).
   *
   * @throws UsageException when the expected time is over the limit and {@code force} is false
   */
  Optional<Estimate> check(Genesis genesis, boolean force) {
    long difficulty = genesis.genesisDifficulty();
    double hashes = ProofOfWork.expectedHashes(difficulty);
    if (hashes < quietHashes) {
      return Optional.empty();
    }
    double rate = Math.max(hashRate.applyAsDouble(GenesisBlock.unsealedHeader(genesis)), 1e-9);
    Estimate e = new Estimate(difficulty, hashes, rate);
    if (e.seconds() > LIMIT.toSeconds() && !force) {
      throw new UsageException("genesis_block.difficulty " + difficulty + " needs ~" + count(hashes) + " hashes, about "
          + duration(e.seconds()) + " at " + count(rate) + " H/s on this machine, over " + LIMIT.toMinutes()
          + " minutes; pass --force to mine it anyway");
    }
    return Optional.of(e);
  }

  /** Checks as {@link #check}, then mines, printing the estimate and progress on stderr. */
  GenesisBlock mine(Genesis genesis, boolean force) {
    Optional<Estimate> estimate = check(genesis, force);
    if (estimate.isEmpty()) {
      return GenesisBlock.build(genesis);
    }
    Estimate e = estimate.get();
    err.println("mining genesis: " + e.describe());
    err.flush();
    long start = nanoTime.getAsLong();
    long[] lastLine = {start};
    GenesisBlock block = GenesisBlock.build(genesis, progressEvery, tried -> {
      long now = nanoTime.getAsLong();
      if (now - lastLine[0] >= PROGRESS_INTERVAL.toNanos()) {
        lastLine[0] = now;
        err.println(String.format(Locale.ROOT, "mining genesis: %s hashes tried (%.0f%% of the expected), %s elapsed",
            count(tried), 100 * tried / e.hashes(), duration((now - start) / 1e9)));
        err.flush();
      }
    });
    err.println("mining genesis: done after " + count(block.header().powNonce() + 1.0) + " hashes in "
        + duration((nanoTime.getAsLong() - start) / 1e9));
    err.flush();
    return block;
  }

  /** Hashes per second of one core grinding nonces of {@code header}, measured for about 0.3 s. */
  static double measureHashRate(BlockHeader header) {
    ProofOfWork pow = new ProofOfWork(header);
    long start = System.nanoTime();
    long tried = 0;
    long elapsed;
    do {
      for (int i = 0; i < 4096; i++) {
        pow.tryNonce(tried++);
      }
      elapsed = System.nanoTime() - start;
    } while (elapsed < MEASURE_NANOS);
    return tried * 1e9 / elapsed;
  }

  /** A count for humans: 950, 12.3 k, 4.5 M, 1.8e+19. */
  static String count(double n) {
    if (n < 1e3) {
      return String.format(Locale.ROOT, "%.0f", n);
    }
    if (n < 1e6) {
      return String.format(Locale.ROOT, "%.1f k", n / 1e3);
    }
    if (n < 1e9) {
      return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }
    if (n < 1e12) {
      return String.format(Locale.ROOT, "%.1f G", n / 1e9);
    }
    return String.format(Locale.ROOT, "%.1e", n);
  }

  /** A duration for humans: 12 s, 3.5 min, 2.1 h, 4.3 days, 5.8e+05 years. */
  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    if (seconds < 86400) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    double days = seconds / 86400;
    if (days < 365) {
      return String.format(Locale.ROOT, "%.1f days", days);
    }
    return String.format(Locale.ROOT, days / 365 < 1e4 ? "%.0f years" : "%.1e years", days / 365);
  }
}
