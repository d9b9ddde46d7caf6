package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.pow.ProofOfWork;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small network for chain tests: three miners (the vector keys), difficulty 1, interval 1 s,
 * leader timeout 0.5 s, min gap 0.1 s, max drift 0.2 s, and rich accounts. Builds valid blocks on any
 * known parent, with their state computed by replaying from genesis.
 */
public final class ChainFixture {
  public static final long T0 = 1_764_000_000_000L;
  public static final long INTERVAL = 1000;
  public static final long LEADER_TIMEOUT = 500;

  public final List<AccountKey> miners = new ArrayList<>();
  public final AccountKey alice = TestKeys.extra(0);
  public final AccountKey bob = TestKeys.extra(1);
  public final GenesisBlock genesis;
  public final MutableClock clock = new MutableClock(T0);
  private final Map<Hash, StateTree> states = new HashMap<>();
  private final Map<Hash, StoredBlock> blocks = new HashMap<>();
  private final TxVerifier verifier;

  public ChainFixture() {
    this("");
  }

  /** @param miningExtra extra {@code block_mining} keys, e.g. {@code , "recent_window": 0} */
  public ChainFixture(String miningExtra) {
    for (int i = 0; i < 3; i++) {
      miners.add(TestKeys.vector(i));
    }
    String text = """
        {
          "network_id": 5,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": 50, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 4], "leader_timeout": 0.5,
                           "min_gap": 0.1, "max_drift": 0.2%s},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {"%s": {"balance": 1000000000}, "%s": {"balance": 1000}}
        }
        """.formatted(T0, miners.get(0).address(), miners.get(1).address(), miners.get(2).address(), miningExtra,
        alice.address(), bob.address());
    Genesis g = GenesisParser.parse(text);
    genesis = GenesisBlock.build(g);
    verifier = new TxVerifier(g.params(), genesis.hash(), 10_000);
    StoredBlock gb = new StoredBlock(genesis.block(), genesis.hash(), 0);
    blocks.put(genesis.hash(), gb);
    states.put(genesis.hash(), StateTree.of(genesis.state()));
  }

  public Chain newChain() {
    return newChain(new MemoryChainStore(), ChainConfig.DEFAULT);
  }

  public Chain newChain(ChainStore store, ChainConfig config) {
    return new Chain(store, genesis, RuleSet.standard(), config, clock);
  }

  public StoredBlock genesisBlock() {
    return blocks.get(genesis.hash());
  }

  public StoredBlock stored(Hash hash) {
    return blocks.get(hash);
  }

  public StateTree state(Hash hash) {
    return states.get(hash);
  }

  /** The miner key of the in-turn leader on top of {@code parent}. */
  public AccountKey leaderOn(StoredBlock parent) {
    Address leader = Ranks.leader(genesis.genesis().params(), parent.block().header());
    return miners.stream().filter(k -> k.address().equals(leader)).findFirst().orElseThrow();
  }

  /** The miner key with rank {@code rank} on top of {@code parent}. */
  public AccountKey minerOfRank(StoredBlock parent, int rank) {
    return miners.stream()
        .filter(k -> Ranks.rank(genesis.genesis().params(), parent.block().header(), k.address()) == rank)
        .findFirst().orElseThrow();
  }

  /** A transfer signed for this network. */
  public Transaction transfer(AccountKey from, long nonce, Address to, long value, long fee) {
    return TransactionBuilder.forNetwork(5, genesis.hash()).nonce(nonce).to(to).value(value).fee(fee).sign(from);
  }

  /** A valid block by {@code miner} at the earliest time its rank allows, with {@code txs}. */
  public Block block(StoredBlock parent, AccountKey miner, List<Transaction> txs) {
    int rank = Ranks.rank(genesis.genesis().params(), parent.block().header(), miner.address());
    long ts = Ranks.earliestTimestamp(genesis.genesis().params(), parent.block().header(), rank, txs.size());
    return block(parent, miner, txs, ts);
  }

  /** A valid block (if the timestamp allows) by {@code miner} at {@code timestamp}. */
  public Block block(StoredBlock parent, AccountKey miner, List<Transaction> txs, long timestamp) {
    BlockAssembler.Assembled a = new BlockAssembler(verifier)
        .assemble(parent, states.get(parent.hash()), miner.address(), timestamp, txs, Bytes.of((byte) 1, (byte) 2));
    return seal(a.header(), a.transactions(), miner);
  }

  /** Grinds the nonce of {@code header} and signs it with {@code miner}. */
  public static Block seal(BlockHeader header, List<Transaction> txs, AccountKey miner) {
    BlockHeader h = header.withPowNonce(new ProofOfWork(header).smallestNonce());
    Bytes sig = miner.sign(Hashes.blockSigningMessage(Hashes.powHash(h)));
    return new Block(new SealedHeader(h, miner.publicKey(), sig), txs);
  }

  /**
   * Records {@code block} as known to the fixture (its state computed by replay), so later blocks can
   * build on it. Returns its stored form.
   */
  public StoredBlock remember(Block block) {
    StoredBlock parent = blocks.get(block.header().parentHash());
    int rank = Ranks.rank(genesis.genesis().params(), parent.block().header(), block.header().miner());
    Hash hash = Hashes.blockHash(block.sealedHeader());
    StoredBlock sb = new StoredBlock(block, hash, parent.totalWeight() + Ranks.weight(rank));
    io.ccoin.core.internal.state.WorkingState ws = new io.ccoin.core.internal.state.WorkingState(states.get(parent.hash()));
    new io.ccoin.core.internal.state.BlockExecutor(verifier).executeOn(ws, Hashes.candidate(block));
    blocks.put(hash, sb);
    states.put(hash, ws.tree());
    return sb;
  }

  /** Builds and remembers a block; convenience for chains of blocks. */
  public StoredBlock next(StoredBlock parent, AccountKey miner, List<Transaction> txs) {
    return remember(block(parent, miner, txs));
  }

  /** Builds {@code count} in-turn blocks on top of {@code parent}, each with no transactions. */
  public List<StoredBlock> inTurnChain(StoredBlock parent, int count) {
    List<StoredBlock> out = new ArrayList<>();
    StoredBlock p = parent;
    for (int i = 0; i < count; i++) {
      p = next(p, leaderOn(p), List.of());
      out.add(p);
    }
    return out;
  }

  /** Moves the clock to {@code block}'s timestamp (so it is not in the future). */
  public void clockAt(Block block) {
    if (clock.millis() < block.header().timestamp()) {
      clock.set(block.header().timestamp());
    }
  }
}
