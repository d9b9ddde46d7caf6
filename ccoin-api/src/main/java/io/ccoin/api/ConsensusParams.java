package io.ccoin.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Every consensus parameter of a network (SPEC 6), as pinned by the genesis hash. Durations are in
 * milliseconds. The miners are kept sorted ascending in unsigned byte order, without duplicates.
 *
 * <p>{@code epoch} 0 makes a <b>version 1</b> network, whose authority set is the genesis
 * {@code miners} forever. {@code epoch} 2..2^31-1 makes a <b>version 2</b> network (SPEC 7.1): the
 * miners are the authority set at genesis, votes in headers change it, every block whose number is
 * a multiple of {@code epoch} is a checkpoint, and the recent window is {@code floor(N/2)} of the N
 * in force ({@code recentWindow} must then be {@code floor(miners/2)}; it is not encoded).
 *
 * <p>The constructor enforces the SPEC's bounds and throws {@link IllegalArgumentException} naming
 * the parameter that is out of bounds. Immutable. In parentheses: the genesis.json key, whose
 * durations are in seconds there (docs/GENESIS.md).
 *
 * @param networkId the network id ({@code network_id}), 0 .. {@link #MAX_NETWORK_ID}; blocks and
 *     transactions carry it as their chain id
 * @param miners the authorities at genesis ({@code miners}), 1 .. {@link #MAX_MINERS}; sorted and
 *     copied, unmodifiable
 * @param intervalMs the time between blocks when idle ({@code interval}), at least 50 ms
 * @param maxBound the most transactions in one block ({@code max_bound}), at least 1
 * @param minBound how many ready transactions let the leader mine before the interval
 *     ({@code min_bound}), 0 .. {@code maxBound}
 * @param reward the coins every block credits to its miner ({@code reward})
 * @param difficulty the proof-of-work difficulty of blocks in leading zero hex digits, 0 ..
 *     {@link #MAX_DIFFICULTY}
 * @param allowEmpty whether a block may carry no transactions ({@code allow_empty})
 * @param leaderTimeoutMs how long each backup rank waits after the leader ({@code leader_timeout}),
 *     at least 50 ms
 * @param recentWindow how many blocks before a new one its miner must not have mined
 *     ({@code recent_window}), 0 .. miners - 1
 * @param maxTxData the most data bytes of one transaction ({@code max_tx_data})
 * @param maxBlockData the most data bytes of a block header ({@code max_block_data})
 * @param maxBlockBytes the largest encoded block ({@code max_block_bytes}), up to
 *     {@link #MAX_BLOCK_BYTES_LIMIT}
 * @param minFee the least fee of a transaction ({@code min_fee})
 * @param minGapMs the least time between a block and its parent ({@code min_gap}), 1 ms ..
 *     {@code intervalMs}
 * @param maxDriftMs how far ahead of a node's clock a block may be ({@code max_drift}), 0 ..
 *     {@code leaderTimeoutMs} - 1
 * @param epoch the blocks between checkpoints of authority voting ({@code epoch}): 0 for a version 1
 *     network, else 2 .. {@link #MAX_EPOCH}
 */
public record ConsensusParams(
    long networkId,
    List<Address> miners,
    long intervalMs,
    long maxBound,
    long minBound,
    long reward,
    long difficulty,
    boolean allowEmpty,
    long leaderTimeoutMs,
    long recentWindow,
    long maxTxData,
    long maxBlockData,
    long maxBlockBytes,
    long minFee,
    long minGapMs,
    long maxDriftMs,
    long epoch) {

  /** The protocol version of a network without {@code epoch} (and of its {@code Params} encoding). */
  public static final long VERSION = 1;
  /** The protocol version of a network with authority voting ({@code epoch} > 0). */
  public static final long VERSION_2 = 2;
  /** Largest {@code epoch}: 2^31-1. */
  public static final long MAX_EPOCH = Integer.MAX_VALUE;
  /** Most miners in an authority set. */
  public static final int MAX_MINERS = 64;
  /** Largest {@code network_id}: 2^53-1, so that JavaScript clients read it exactly. */
  public static final long MAX_NETWORK_ID = (1L << 53) - 1;
  /** Largest {@code max_block_bytes}: 8 MiB less 64 bytes of frame overhead. */
  public static final long MAX_BLOCK_BYTES_LIMIT = 8L * 1024 * 1024 - 64;
  /** Largest difficulty, in leading zero hex digits. */
  public static final long MAX_DIFFICULTY = 16;

  /**
   * Sorts the miners and checks every bound.
   *
   * @throws IllegalArgumentException naming the first parameter out of bounds, or a duplicate miner
   */
  public ConsensusParams {
    List<Address> sorted = new ArrayList<>(miners);
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).equals(sorted.get(i - 1))) {
        throw new IllegalArgumentException("miners: duplicate miner " + sorted.get(i));
      }
    }
    miners = List.copyOf(sorted);
    int n = miners.size();
    check(n >= 1 && n <= MAX_MINERS, "miners: need 1 to 64 miners, got " + n);
    check(networkId >= 0 && networkId <= MAX_NETWORK_ID, "network_id: must be 0 .. 2^53-1, got " + networkId);
    check(intervalMs >= 50, "interval: must be at least 50 ms, got " + intervalMs + " ms");
    check(maxBound >= 1, "max_bound: must be at least 1, got " + maxBound);
    check(minBound >= 0 && minBound <= maxBound, "min_bound: must be 0 .. max_bound (" + maxBound + "), got " + minBound);
    check(reward >= 0, "reward: must not be negative, got " + reward);
    check(difficulty >= 0 && difficulty <= MAX_DIFFICULTY, "difficulty: must be 0 .. 16, got " + difficulty);
    check(leaderTimeoutMs >= 50, "leader_timeout: must be at least 50 ms, got " + leaderTimeoutMs + " ms");
    check(recentWindow >= 0 && recentWindow <= n - 1,
        "recent_window: must be 0 .. " + (n - 1) + " (miners - 1), got " + recentWindow);
    check(maxTxData >= 0, "max_tx_data: must not be negative, got " + maxTxData);
    check(maxBlockData >= 0, "max_block_data: must not be negative, got " + maxBlockData);
    check(maxBlockBytes >= 0 && maxBlockBytes <= MAX_BLOCK_BYTES_LIMIT,
        "max_block_bytes: must be 0 .. " + MAX_BLOCK_BYTES_LIMIT + ", got " + maxBlockBytes);
    check(minFee >= 0, "min_fee: must not be negative, got " + minFee);
    check(minGapMs >= 1 && minGapMs <= intervalMs,
        "min_gap: must be 1 ms .. interval (" + intervalMs + " ms), got " + minGapMs + " ms");
    check(maxDriftMs >= 0 && maxDriftMs <= leaderTimeoutMs - 1,
        "max_drift: must be 0 .. leader_timeout - 1 ms (" + (leaderTimeoutMs - 1) + "), got " + maxDriftMs + " ms");
    check(epoch == 0 || (epoch >= 2 && epoch <= MAX_EPOCH), "epoch: must be 0, or 2 .. 2^31-1, got " + epoch);
    check(epoch == 0 || recentWindow == n / 2,
        "recent_window: must be absent when epoch > 0 (the window is floor(N/2) of the authorities in force)");
  }

  /** A version 1 network's parameters ({@code epoch} 0: the genesis miners are the authorities forever). */
  public ConsensusParams(long networkId, List<Address> miners, long intervalMs, long maxBound, long minBound, long reward,
      long difficulty, boolean allowEmpty, long leaderTimeoutMs, long recentWindow, long maxTxData, long maxBlockData,
      long maxBlockBytes, long minFee, long minGapMs, long maxDriftMs) {
    this(networkId, miners, intervalMs, maxBound, minBound, reward, difficulty, allowEmpty, leaderTimeoutMs, recentWindow,
        maxTxData, maxBlockData, maxBlockBytes, minFee, minGapMs, maxDriftMs, 0);
  }

  /**
   * The same parameters as a version 2 network with this {@code epoch} (2..2^31-1), or as a version
   * 1 network with {@code epoch} 0 and the default {@code recent_window} of {@code floor(N/2)}.
   */
  public ConsensusParams withEpoch(long newEpoch) {
    return new ConsensusParams(networkId, miners, intervalMs, maxBound, minBound, reward, difficulty, allowEmpty, leaderTimeoutMs,
        newEpoch == 0 ? recentWindow : miners.size() / 2, maxTxData, maxBlockData, maxBlockBytes, minFee, minGapMs, maxDriftMs,
        newEpoch);
  }

  /** The network's protocol version (SPEC 6): 1 without {@code epoch}, 2 with it. Every header carries it. */
  public long version() {
    return epoch > 0 ? VERSION_2 : VERSION;
  }

  /** True on a version 2 network, whose authorities change by vote (SPEC 7.1). */
  public boolean votingEnabled() {
    return epoch > 0;
  }

  /** True when block {@code number} is a checkpoint of a version 2 network (a multiple of {@code epoch}, genesis included). */
  public boolean isCheckpoint(long number) {
    return epoch > 0 && number % epoch == 0;
  }

  /**
   * The recent window w of SPEC 7 item 5 when {@code authorities} miners are in force:
   * {@code recent_window} on a version 1 network, {@code floor(authorities / 2)} on a version 2 one.
   */
  public long recentWindow(int authorities) {
    return epoch > 0 ? authorities / 2 : recentWindow;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The number of genesis miners (N in SPEC 7 on a version 1 network; the set can change on a version 2 one). */
  public int minerCount() {
    return miners.size();
  }

  /** The index of {@code miner} in the sorted genesis miner list, or -1 when it is not a genesis miner; O(log n). */
  public int minerIndex(Address miner) {
    int i = java.util.Collections.binarySearch(miners, miner);
    return i >= 0 ? i : -1;
  }

  /**
   * A builder with the SPEC 6 defaults for every optional parameter.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link ConsensusParams} in code, as {@code genesis.json}'s {@code block_mining} and
   * {@code limits} would (SPEC 6). The network id, the miners, the interval, the bounds, the reward,
   * the difficulty and {@code allowEmpty} are required; every other parameter has the SPEC's default,
   * computed from the others when {@link #build()} is called:
   * {@code leaderTimeoutMs = max(500, intervalMs / 2)}, {@code recentWindow = floor(N / 2)},
   * {@code minGapMs = min(100, intervalMs)}, {@code maxDriftMs = min(15000, leaderTimeoutMs / 2)},
   * {@code minFee = 1}, and limits 4096 / 1024 / 4194304 bytes. {@code genesis.json} is parsed
   * through this builder, so both apply the same defaults and the same bounds. Not thread-safe.
   */
  public static final class Builder {
    private Long networkId;
    private List<Address> miners;
    private Long intervalMs;
    private Long maxBound;
    private Long minBound;
    private Long reward;
    private Long difficulty;
    private Boolean allowEmpty;
    private Long leaderTimeoutMs;
    private Long recentWindow;
    private long maxTxData = 4096;
    private long maxBlockData = 1024;
    private long maxBlockBytes = 4_194_304;
    private long minFee = 1;
    private Long minGapMs;
    private Long maxDriftMs;
    private long epoch;

    private Builder() {}

    /**
     * The network id ({@code network_id}), 0 .. {@link #MAX_NETWORK_ID}.
     *
     * @param networkId the value
     * @return this builder
     */
    public Builder networkId(long networkId) {
      this.networkId = networkId;
      return this;
    }

    /**
     * The authority set at genesis, in any order (it is sorted).
     *
     * @param miners the miners' addresses
     * @return this builder
     */
    public Builder miners(List<Address> miners) {
      this.miners = List.copyOf(miners);
      return this;
    }

    /**
     * The time between blocks when idle ({@code interval}), at least 50 ms.
     *
     * @param intervalMs the value
     * @return this builder
     */
    public Builder intervalMs(long intervalMs) {
      this.intervalMs = intervalMs;
      return this;
    }

    /**
     * The most transactions in one block ({@code max_bound}), at least 1.
     *
     * @param maxBound the value
     * @return this builder
     */
    public Builder maxBound(long maxBound) {
      this.maxBound = maxBound;
      return this;
    }

    /**
     * How many ready transactions let the leader mine early ({@code min_bound}), 0 .. max bound.
     *
     * @param minBound the value
     * @return this builder
     */
    public Builder minBound(long minBound) {
      this.minBound = minBound;
      return this;
    }

    /**
     * The coins every block credits to its miner ({@code reward}).
     *
     * @param reward the value
     * @return this builder
     */
    public Builder reward(long reward) {
      this.reward = reward;
      return this;
    }

    /**
     * The proof-of-work difficulty of blocks, 0 .. {@link #MAX_DIFFICULTY}.
     *
     * @param difficulty the value
     * @return this builder
     */
    public Builder difficulty(long difficulty) {
      this.difficulty = difficulty;
      return this;
    }

    /**
     * Whether a block may carry no transactions ({@code allow_empty}).
     *
     * @param allowEmpty the value
     * @return this builder
     */
    public Builder allowEmpty(boolean allowEmpty) {
      this.allowEmpty = allowEmpty;
      return this;
    }

    /**
     * How long each backup rank waits after the leader ({@code leader_timeout}).
     *
     * @param leaderTimeoutMs the value
     * @return this builder
     */
    public Builder leaderTimeoutMs(long leaderTimeoutMs) {
      this.leaderTimeoutMs = leaderTimeoutMs;
      return this;
    }

    /**
     * The recent window of a version 1 network ({@code recent_window}), 0 .. miners - 1.
     *
     * @param recentWindow the value
     * @return this builder
     */
    public Builder recentWindow(long recentWindow) {
      this.recentWindow = recentWindow;
      return this;
    }

    /**
     * The most data bytes of one transaction ({@code max_tx_data}).
     *
     * @param maxTxData the value
     * @return this builder
     */
    public Builder maxTxData(long maxTxData) {
      this.maxTxData = maxTxData;
      return this;
    }

    /**
     * The most data bytes of a block header ({@code max_block_data}).
     *
     * @param maxBlockData the value
     * @return this builder
     */
    public Builder maxBlockData(long maxBlockData) {
      this.maxBlockData = maxBlockData;
      return this;
    }

    /**
     * The largest encoded block ({@code max_block_bytes}).
     *
     * @param maxBlockBytes the value
     * @return this builder
     */
    public Builder maxBlockBytes(long maxBlockBytes) {
      this.maxBlockBytes = maxBlockBytes;
      return this;
    }

    /**
     * The least fee of a transaction ({@code min_fee}).
     *
     * @param minFee the value
     * @return this builder
     */
    public Builder minFee(long minFee) {
      this.minFee = minFee;
      return this;
    }

    /**
     * The least time between a block and its parent ({@code min_gap}).
     *
     * @param minGapMs the value
     * @return this builder
     */
    public Builder minGapMs(long minGapMs) {
      this.minGapMs = minGapMs;
      return this;
    }

    /**
     * How far ahead of a node's clock a block may be ({@code max_drift}).
     *
     * @param maxDriftMs the value
     * @return this builder
     */
    public Builder maxDriftMs(long maxDriftMs) {
      this.maxDriftMs = maxDriftMs;
      return this;
    }

    /**
     * The blocks between checkpoints of authority voting: 0 (the default) for a version 1 network
     * with a static authority set, 2 .. {@link #MAX_EPOCH} for a version 2 network (SPEC 7.1), whose
     * recent window is then {@code floor(N/2)} and must not be set.
     *
     * @param epoch the epoch
     * @return this builder
     */
    public Builder epoch(long epoch) {
      this.epoch = epoch;
      return this;
    }

    /**
     * The default {@code leader_timeout} for an interval: {@code max(500, intervalMs / 2)}.
     *
     * @param intervalMs the interval
     * @return the default leader timeout in ms
     */
    public static long defaultLeaderTimeoutMs(long intervalMs) {
      return Math.max(500, intervalMs / 2);
    }

    /**
     * The default {@code min_gap} for an interval: {@code min(100, intervalMs)}.
     *
     * @param intervalMs the interval
     * @return the default least gap in ms
     */
    public static long defaultMinGapMs(long intervalMs) {
      return Math.min(100, intervalMs);
    }

    /**
     * The default {@code max_drift} for a leader timeout: {@code min(15000, leaderTimeoutMs / 2)}.
     *
     * @param leaderTimeoutMs the leader timeout
     * @return the default drift in ms
     */
    public static long defaultMaxDriftMs(long leaderTimeoutMs) {
      return Math.min(15_000, leaderTimeoutMs / 2);
    }

    /**
     * The parameters, with the defaults filled in.
     *
     * @return the parameters
     * @throws IllegalArgumentException naming the first required parameter that was not set, or the
     *     parameter that is out of its SPEC 6 bounds
     */
    public ConsensusParams build() {
      long interval = required("interval", intervalMs);
      long timeout = leaderTimeoutMs != null ? leaderTimeoutMs : defaultLeaderTimeoutMs(interval);
      List<Address> set = required("miners", miners);
      return new ConsensusParams(required("network_id", networkId), set, interval, required("max_bound", maxBound),
          required("min_bound", minBound), required("reward", reward), required("difficulty", difficulty),
          required("allow_empty", allowEmpty), timeout, recentWindow != null ? recentWindow : set.size() / 2, maxTxData,
          maxBlockData, maxBlockBytes, minFee, minGapMs != null ? minGapMs : defaultMinGapMs(interval),
          maxDriftMs != null ? maxDriftMs : defaultMaxDriftMs(timeout), epoch);
    }

    private static <T> T required(String name, T value) {
      if (value == null) {
        throw new IllegalArgumentException(name + ": required");
      }
      return value;
    }
  }
}
