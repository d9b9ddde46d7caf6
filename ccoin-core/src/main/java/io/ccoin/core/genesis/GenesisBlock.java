package io.ccoin.core.genesis;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.merkle.TxRoot;
import io.ccoin.core.pow.ProofOfWork;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The genesis block built from a {@link Genesis} (SPEC 6): number 0, zero parent hash, the file's
 * timestamp, the coinbase (or 20 zero bytes) as miner, the empty tx root, the state root over the
 * allocation plus the coinbase reward, the genesis difficulty, {@code msgpack(Params)} as data, no
 * key, no signature and the smallest proof-of-work nonce. The same file gives the same block and
 * hash everywhere. Immutable and thread-safe.
 */
public final class GenesisBlock {
  /** How many nonces {@link #build(Genesis, long, LongConsumer)} tries between progress reports by default. */
  public static final long PROGRESS_EVERY = 1L << 20;

  private final Genesis genesis;
  private final Block block;
  private final Hash hash;
  private final Hash powHash;
  private final Map<Address, Account> state;

  private GenesisBlock(Genesis genesis, Block block, Hash hash, Hash powHash, Map<Address, Account> state) {
    this.genesis = genesis;
    this.block = block;
    this.hash = hash;
    this.powHash = powHash;
    this.state = state;
  }

  /** Builds the genesis block, grinding its proof-of-work nonce from 0 upward. */
  public static GenesisBlock build(Genesis genesis) {
    return build(genesis, PROGRESS_EVERY, tried -> { });
  }

  /**
   * Builds the genesis block, telling {@code progress} the number of nonces tried after every
   * {@code every} of them: a difficulty of {@code d} takes about {@code 16^d} hashes
   * ({@link ProofOfWork#expectedHashes}), so a high one can take hours or forever.
   */
  public static GenesisBlock build(Genesis genesis, long every, LongConsumer progress) {
    Map<Address, Account> state = initialState(genesis);
    BlockHeader unsealed = unsealedHeader(genesis, state);
    BlockHeader header = unsealed.withPowNonce(new ProofOfWork(unsealed).smallestNonce(every, progress));
    SealedHeader sealed = new SealedHeader(header, Bytes.EMPTY, Bytes.EMPTY);
    Block block = new Block(sealed, List.of());
    return new GenesisBlock(genesis, block, Hashes.blockHash(sealed), Hashes.powHash(header), state);
  }

  /** The genesis header with {@code powNonce} 0, before grinding (e.g. to measure the hash rate on it). */
  public static BlockHeader unsealedHeader(Genesis genesis) {
    return unsealedHeader(genesis, initialState(genesis));
  }

  private static BlockHeader unsealedHeader(Genesis genesis, Map<Address, Account> state) {
    return new BlockHeader(
        genesis.params().version(),
        genesis.params().networkId(),
        0,
        Hash.ZERO,
        genesis.timestamp(),
        genesis.coinbase().orElse(Address.ZERO),
        TxRoot.EMPTY,
        StateTree.of(state).root(),
        genesis.genesisDifficulty(),
        Bytes.of(Codec.encode(genesis.params())),
        0);
  }

  /** The accounts before block 1: the allocation, with the coinbase credited its reward. */
  public static Map<Address, Account> initialState(Genesis genesis) {
    Map<Address, Account> state = new TreeMap<>(genesis.alloc());
    genesis.coinbase().ifPresent(cb -> {
      Account before = state.getOrDefault(cb, Account.EMPTY);
      Account after = new Account(Math.addExact(before.balance(), genesis.coinbaseReward()), before.nonce());
      if (after.isEmpty()) {
        state.remove(cb);
      } else {
        state.put(cb, after);
      }
    });
    return Collections.unmodifiableMap(state);
  }

  public Genesis genesis() {
    return genesis;
  }

  public Block block() {
    return block;
  }

  public BlockHeader header() {
    return block.header();
  }

  /** The genesis hash, which names the network. */
  public Hash hash() {
    return hash;
  }

  public Hash powHash() {
    return powHash;
  }

  /** The state after the genesis block. */
  public Map<Address, Account> state() {
    return state;
  }

  @Override
  public String toString() {
    return "GenesisBlock{hash=" + hash + ", powNonce=" + header().powNonce() + "}";
  }
}
