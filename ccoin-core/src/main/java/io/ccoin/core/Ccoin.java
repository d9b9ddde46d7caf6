package io.ccoin.core;

import io.ccoin.api.ChainStore;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.Genesis;
import io.ccoin.api.Miner;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.mining.MemorySignedHeight;
import io.ccoin.core.mining.SignedHeight;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.store.MemoryChainStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point for running a ccoin chain in-process. Compose a node with {@link #builder()}:
 *
 * <pre>{@code
 * CcoinNode node = Ccoin.builder()
 *     .genesis(GenesisParser.read(Path.of("genesis.json")))
 *     .validator(minerKey)              // omit for a node that only follows the chain
 *     .build();
 * node.start();
 * node.submit(tx);
 * }</pre>
 *
 * Everything not set has a default: an in-memory store, the system clock, a proof-of-work miner on
 * all cores, the SPEC's rules, default chain and pool settings. No static state: any number of
 * nodes may run in one JVM.
 */
public final class Ccoin {
  private Ccoin() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Collects a node's parts. Not thread-safe; build once. */
  public static final class Builder {
    Genesis genesis;
    GenesisBlock genesisBlock;
    ChainStore store;
    Clock clock = Clock.systemUTC();
    AccountKey validatorKey;
    SignedHeight signedHeight;
    Miner miner;
    final List<ConsensusRule> extraRules = new ArrayList<>();
    ChainConfig chainConfig = ChainConfig.DEFAULT;
    PoolConfig poolConfig = PoolConfig.DEFAULT;
    long productionPollMs = 20;
    java.util.concurrent.ScheduledExecutorService scheduler;

    private Builder() {}

    /** The network's genesis (required). */
    public Builder genesis(Genesis genesis) {
      this.genesis = Objects.requireNonNull(genesis, "genesis");
      this.genesisBlock = null;
      return this;
    }

    /**
     * The network's genesis with its block already built, so that the node does not grind the
     * genesis proof of work again (it takes about {@code 16^difficulty} hashes).
     */
    public Builder genesis(GenesisBlock block) {
      this.genesis = Objects.requireNonNull(block, "block").genesis();
      this.genesisBlock = block;
      return this;
    }

    /** Reads the genesis from a {@code genesis.json} file. */
    public Builder genesisFile(Path file) {
      return genesis(GenesisParser.read(file));
    }

    /** Where the chain is kept; an in-memory store unless set. The node closes it on {@link CcoinNode#close()}. */
    public Builder store(ChainStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock all consensus timing uses; the system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Makes the node a validator that mines with this key: on a version 1 network one of the genesis
     * miners; on a version 2 network any key, the node producing only while the key is in the set in force.
     */
    public Builder validator(AccountKey key) {
      this.validatorKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Where the validator remembers the highest height it signed, so it never signs twice at one
     * height across restarts; kept in memory unless set (use a
     * {@link io.ccoin.core.mining.FileSignedHeight} for a durable node).
     */
    public Builder signedHeight(SignedHeight signedHeight) {
      this.signedHeight = Objects.requireNonNull(signedHeight, "signedHeight");
      return this;
    }

    /** The proof-of-work engine; a {@link io.ccoin.core.mining.PowMiner} on all cores unless set. */
    public Builder miner(Miner miner) {
      this.miner = Objects.requireNonNull(miner, "miner");
      return this;
    }

    /** Adds a consensus rule of the application's, run after the SPEC's rules. */
    public Builder addRule(ConsensusRule rule) {
      extraRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder chainConfig(ChainConfig config) {
      this.chainConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    public Builder poolConfig(PoolConfig config) {
      this.poolConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The scheduler that runs the node's background work (block production, future-block retries,
     * mined-block imports). A private single thread unless set; a simulator passes a virtual-time
     * scheduler here. The node shuts down only a scheduler it created.
     */
    public Builder scheduler(java.util.concurrent.ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** How often a validator checks whether it may produce (milliseconds, default 20). */
    public Builder productionPollMs(long ms) {
      if (ms < 1) {
        throw new IllegalArgumentException("production poll must be at least 1 ms");
      }
      this.productionPollMs = ms;
      return this;
    }

    /**
     * Builds the node: opens (or initialises) the store and checks it belongs to this genesis.
     *
     * @throws IllegalStateException if no genesis was set
     * @throws io.ccoin.api.StoreException if the store belongs to another network or is inconsistent
     */
    public CcoinNode build() {
      if (genesis == null) {
        throw new IllegalStateException("a genesis is required: call genesis(...) or genesisFile(...)");
      }
      return new CcoinNode(this);
    }

    Optional<AccountKey> validatorKey() {
      return Optional.ofNullable(validatorKey);
    }

    ChainStore storeOrDefault() {
      return store != null ? store : new MemoryChainStore();
    }

    SignedHeight signedHeightOrDefault() {
      return signedHeight != null ? signedHeight : new MemorySignedHeight();
    }
  }
}
