package io.ccoin.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed {@code genesis.json} (SPEC 6): the consensus parameters, the initial allocation and the
 * settings of the genesis block itself. Immutable and thread-safe. ccoin-core builds the genesis
 * block from it and reads it from files.
 */
public final class Genesis {
  /** The default of {@code max_peers} when the genesis does not set it. */
  public static final int DEFAULT_MAX_PEERS = 25;

  private final ConsensusParams params;
  private final long timestamp;
  private final Address coinbase;
  private final long coinbaseReward;
  private final long genesisDifficulty;
  private final Map<Address, Account> alloc;
  private final int maxPeers;
  private final PlaceholderData placeholderData;

  /**
   * Checks and copies a genesis; ccoin-core's {@code GenesisParser} builds one from genesis.json.
   *
   * @param params the network's consensus parameters
   * @param timestamp the genesis block's timestamp, ms since the epoch
   * @param coinbase the address credited with {@code coinbaseReward}, or empty for none
   * @param coinbaseReward the coins credited to {@code coinbase} in the genesis block
   * @param genesisDifficulty the proof-of-work difficulty of the genesis block, 0 .. 16
   * @param maxPeers the default peer limit for nodes of the network (not consensus)
   * @param placeholderData what miners put in the data of empty blocks (not consensus)
   * @param alloc initial accounts; accounts with balance and nonce 0 are dropped (they do not exist)
   * @throws IllegalArgumentException on a negative number, a difficulty outside 0..16, or an
   *     allocation whose total exceeds 2^63-1
   */
  public Genesis(
      ConsensusParams params,
      long timestamp,
      Optional<Address> coinbase,
      long coinbaseReward,
      long genesisDifficulty,
      Map<Address, Account> alloc,
      int maxPeers,
      PlaceholderData placeholderData) {
    this.params = Objects.requireNonNull(params, "params");
    this.timestamp = Checks.unsigned("timestamp", timestamp);
    this.coinbase = coinbase.orElse(null);
    this.coinbaseReward = Checks.unsigned("coinbase_reward", coinbaseReward);
    if (genesisDifficulty < 0 || genesisDifficulty > ConsensusParams.MAX_DIFFICULTY) {
      throw new IllegalArgumentException("genesis_block.difficulty: must be 0 .. 16, got " + genesisDifficulty);
    }
    this.genesisDifficulty = genesisDifficulty;
    TreeMap<Address, Account> sorted = new TreeMap<>();
    long total = this.coinbase == null ? 0 : coinbaseReward;
    for (Map.Entry<Address, Account> e : alloc.entrySet()) {
      if (!e.getValue().isEmpty()) {
        sorted.put(e.getKey(), e.getValue());
      }
      try {
        total = Math.addExact(total, e.getValue().balance());
      } catch (ArithmeticException overflow) {
        throw new IllegalArgumentException("alloc: the balances and the coinbase reward add up to more than 2^63-1");
      }
    }
    this.alloc = Collections.unmodifiableMap(sorted);
    if (maxPeers < 0) {
      throw new IllegalArgumentException("max_peers: must not be negative, got " + maxPeers);
    }
    this.maxPeers = maxPeers;
    this.placeholderData = Objects.requireNonNull(placeholderData, "placeholderData");
  }

  /** The network's consensus parameters. */
  public ConsensusParams params() {
    return params;
  }

  /** The genesis block's timestamp in milliseconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The address the genesis block credits with {@link #coinbaseReward()}; empty for none. */
  public Optional<Address> coinbase() {
    return Optional.ofNullable(coinbase);
  }

  /** The coins the genesis block credits to the {@link #coinbase()} (0 without one). */
  public long coinbaseReward() {
    return coinbaseReward;
  }

  /** The proof-of-work difficulty of the genesis block itself ({@code genesis_block.difficulty}). */
  public long genesisDifficulty() {
    return genesisDifficulty;
  }

  /** The initial accounts, sorted by address; never contains an empty account. */
  public Map<Address, Account> alloc() {
    return alloc;
  }

  /** The default peer limit for nodes (not consensus). */
  public int maxPeers() {
    return maxPeers;
  }

  /** What miners put in the data of empty blocks (not consensus). */
  public PlaceholderData placeholderData() {
    return placeholderData;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Genesis g
        && params.equals(g.params)
        && timestamp == g.timestamp
        && Objects.equals(coinbase, g.coinbase)
        && coinbaseReward == g.coinbaseReward
        && genesisDifficulty == g.genesisDifficulty
        && alloc.equals(g.alloc)
        && maxPeers == g.maxPeers
        && placeholderData.equals(g.placeholderData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(params, timestamp, coinbase, coinbaseReward, genesisDifficulty, alloc, maxPeers, placeholderData);
  }

  @Override
  public String toString() {
    return "Genesis{networkId=" + params.networkId() + ", miners=" + params.miners().size() + ", alloc=" + alloc.size() + "}";
  }

  /**
   * A builder for a genesis on {@code params}, with the SPEC 6 defaults for the optional settings.
   *
   * @param params the consensus parameters
   * @return a new builder
   */
  public static Builder builder(ConsensusParams params) {
    return new Builder(params);
  }

  /**
   * Builds a {@link Genesis} in code, as {@code genesis.json} would (SPEC 6). The consensus
   * parameters and {@link #genesisDifficulty(long) the genesis block's difficulty} are required;
   * the timestamp defaults to 0, the coinbase to none with reward 0, {@code max_peers} to
   * {@value #DEFAULT_MAX_PEERS}, the placeholder data of empty blocks to 15 random bytes, and the
   * allocation to empty. {@code genesis.json} is parsed through this builder. Not thread-safe.
   */
  public static final class Builder {
    private final ConsensusParams params;
    private long timestamp;
    private Optional<Address> coinbase = Optional.empty();
    private long coinbaseReward;
    private Long genesisDifficulty;
    private final Map<Address, Account> alloc = new LinkedHashMap<>();
    private int maxPeers = DEFAULT_MAX_PEERS;
    private PlaceholderData placeholderData = PlaceholderData.random(15);

    private Builder(ConsensusParams params) {
      this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * The genesis block's timestamp in milliseconds.
     *
     * @param timestampMs the timestamp
     * @return this builder
     */
    public Builder timestamp(long timestampMs) {
      this.timestamp = timestampMs;
      return this;
    }

    /**
     * The address credited with the {@link #coinbaseReward coinbase reward} at genesis.
     *
     * @param coinbase the address
     * @return this builder
     */
    public Builder coinbase(Address coinbase) {
      this.coinbase = Optional.of(coinbase);
      return this;
    }

    /**
     * The coins credited to the coinbase at genesis (none without a coinbase).
     *
     * @param reward the coins
     * @return this builder
     */
    public Builder coinbaseReward(long reward) {
      this.coinbaseReward = reward;
      return this;
    }

    /**
     * The proof-of-work difficulty of the genesis block itself (0 .. 16).
     *
     * @param difficulty the difficulty
     * @return this builder
     */
    public Builder genesisDifficulty(long difficulty) {
      this.genesisDifficulty = difficulty;
      return this;
    }

    /**
     * An initial account.
     *
     * @param address the account's address
     * @param balance its balance
     * @param nonce its nonce
     * @return this builder
     * @throws IllegalArgumentException when {@code address} was already allocated
     */
    public Builder alloc(Address address, long balance, long nonce) {
      if (alloc.putIfAbsent(address, new Account(balance, nonce)) != null) {
        throw new IllegalArgumentException("alloc: duplicate address " + address);
      }
      return this;
    }

    /**
     * An initial account with nonce 0.
     *
     * @param address the account's address
     * @param balance its balance
     * @return this builder
     */
    public Builder alloc(Address address, long balance) {
      return alloc(address, balance, 0);
    }

    /**
     * The default peer limit for nodes (not consensus).
     *
     * @param maxPeers the limit
     * @return this builder
     */
    public Builder maxPeers(int maxPeers) {
      this.maxPeers = maxPeers;
      return this;
    }

    /**
     * What miners put in the data of empty blocks (not consensus).
     *
     * @param placeholderData the placeholder
     * @return this builder
     */
    public Builder placeholderData(PlaceholderData placeholderData) {
      this.placeholderData = Objects.requireNonNull(placeholderData);
      return this;
    }

    /**
     * The genesis.
     *
     * @return the genesis
     * @throws IllegalArgumentException when the genesis difficulty is missing, or on any value the
     *     {@link Genesis} constructor refuses
     */
    public Genesis build() {
      if (genesisDifficulty == null) {
        throw new IllegalArgumentException("genesis_block.difficulty: required");
      }
      return new Genesis(params, timestamp, coinbase, coinbaseReward, genesisDifficulty, alloc, maxPeers, placeholderData);
    }
  }
}
