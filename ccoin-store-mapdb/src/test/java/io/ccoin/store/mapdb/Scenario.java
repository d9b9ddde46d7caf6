package io.ccoin.store.mapdb;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.internal.consensus.Ranks;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.api.Account;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic sequence of valid blocks to import, with the head after each import as a
 * crash-free import on the in-memory store sees it: blocks with 0 to 2 transfers from a rich
 * account to a few dozen others, and every {@value #FORK_EVERY} blocks a fork that makes the chain
 * reorganise two blocks deep. Written to a file for the crash test's child JVMs.
 *
 * <p>States are numbered by <em>position</em>: 0 is an empty store, 1 the genesis, and {@code i + 2}
 * the state after importing block {@code i}.
 */
final class Scenario {
  static final int FORK_EVERY = 20;
  static final long T0 = ChainFixture.T0;
  private static final int MAGIC = 0x43534e31;

  final String genesisText;
  final GenesisBlock genesis;
  final List<Block> blocks;
  /** The head hash at each position; {@code null} at position 0. */
  final List<Hash> heads;
  /** The accounts after the last block. */
  final Map<Address, Account> finalAccounts;

  private Scenario(String genesisText, List<Block> blocks, List<Hash> heads, Map<Address, Account> finalAccounts) {
    this.genesisText = genesisText;
    this.genesis = GenesisBlock.build(GenesisParser.parse(genesisText));
    this.blocks = blocks;
    this.heads = heads;
    this.finalAccounts = finalAccounts;
  }

  /** The genesis of the scenario: the three vector miners, one of them rich. */
  static String genesisText(int maxBound) {
    return """
        {
          "network_id": 5,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": %d, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 4], "leader_timeout": 0.5,
                           "min_gap": 0.1, "max_drift": 0.2},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {"%s": {"balance": 1000000000000}}
        }
        """.formatted(T0, TestKeys.vector(0).address(), TestKeys.vector(1).address(), TestKeys.vector(2).address(), maxBound,
        TestKeys.vector(0).address());
  }

  /** A clock far past every block of the scenario, so that none waits in the future pool. */
  static Clock clock() {
    return Clock.fixed(Instant.ofEpochMilli(T0 + 100L * 365 * 24 * 3600 * 1000), ZoneOffset.UTC);
  }

  static Chain chain(io.ccoin.api.ChainStore store, GenesisBlock genesis) {
    return new Chain(store, genesis, RuleSet.standard(), ChainConfig.DEFAULT, clock());
  }

  /** Builds {@code steps} steps (each a block, or a four-block fork) from {@code seed}. */
  static Scenario build(int steps, long seed) {
    String text = genesisText(50);
    GenesisBlock g = GenesisBlock.build(GenesisParser.parse(text));
    ConsensusParams params = g.genesis().params();
    TxVerifier verifier = new TxVerifier(params, g.hash(), 100_000);
    BlockAssembler assembler = new BlockAssembler(verifier);
    BlockExecutor executor = new BlockExecutor(verifier);
    Map<Address, AccountKey> keys = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      keys.put(TestKeys.vector(i).address(), TestKeys.vector(i));
    }
    AccountKey rich = TestKeys.vector(0);
    Random random = new Random(seed);
    List<Address> payees = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] a = new byte[Address.SIZE];
      random.nextBytes(a);
      payees.add(Address.of(a));
    }

    MemoryChainStore store = new MemoryChainStore();
    Chain reference = chain(store, g);
    List<Block> blocks = new ArrayList<>();
    List<Hash> heads = new ArrayList<>();
    heads.add(null);
    heads.add(g.hash());
    long[] nonce = {0};
    Builder b = new Builder(params, assembler, executor, keys);

    for (int step = 0; step < steps; step++) {
      StoredBlock parent = reference.head().stored();
      StateTree state = stateOf(store);
      if (step % FORK_EVERY == FORK_EVERY - 1) {
        // A1 (rank 1) and A2 (its leader) first, weight 1 + 2; then B1 (the leader on the parent,
        // weight 2, lighter: stays aside) and B2 (weight 2 + 2): a reorg dropping two blocks.
        Block a1 = b.block(parent, state, 1, List.of());
        StoredBlock a1s = b.stored(a1, parent);
        StateTree a1State = b.after(state, a1);
        Block a2 = b.block(a1s, a1State, 0, transfers(g, rich, nonce[0], 1, payees, random));
        List<Transaction> bTxs = transfers(g, rich, nonce[0], 2, payees, random);
        Block b1 = b.block(parent, state, 0, bTxs);
        StoredBlock b1s = b.stored(b1, parent);
        Block b2 = b.block(b1s, b.after(state, b1), 0, List.of());
        for (Block blk : List.of(a1, a2, b1, b2)) {
          importInto(reference, blk);
          blocks.add(blk);
          heads.add(reference.head().hash());
        }
        nonce[0] += 2; // the B branch's two transfers are the ones that stay
        continue;
      }
      int n = random.nextInt(3);
      Block blk = b.block(parent, state, 0, transfers(g, rich, nonce[0], n, payees, random));
      nonce[0] += blk.transactions().size();
      importInto(reference, blk);
      blocks.add(blk);
      heads.add(reference.head().hash());
    }
    Map<Address, Account> accounts = new HashMap<>();
    store.forEachAccount(accounts::put);
    return new Scenario(text, blocks, heads, accounts);
  }

  private static void importInto(Chain chain, Block blk) {
    ImportResult r = chain.importBlock(blk);
    if (r.status() != ImportResult.Status.IMPORTED) {
      throw new IllegalStateException("the scenario's block #" + blk.number() + " did not import: " + r);
    }
  }

  private static List<Transaction> transfers(GenesisBlock g, AccountKey from, long firstNonce, int n, List<Address> payees, Random random) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(TransactionBuilder.forNetwork(5, g.hash()).nonce(firstNonce + i).to(payees.get(random.nextInt(payees.size())))
          .value(1 + random.nextInt(1000)).fee(1).sign(from));
    }
    return txs;
  }

  static StateTree stateOf(io.ccoin.api.ChainStore store) {
    Map<Address, Account> accounts = new HashMap<>();
    store.forEachAccount(accounts::put);
    return StateTree.of(accounts);
  }

  /** Assembles, grinds and signs blocks. */
  static final class Builder {
    private final ConsensusParams params;
    private final BlockAssembler assembler;
    private final BlockExecutor executor;
    private final Map<Address, AccountKey> keys;

    Builder(ConsensusParams params, BlockAssembler assembler, BlockExecutor executor, Map<Address, AccountKey> keys) {
      this.params = params;
      this.assembler = assembler;
      this.executor = executor;
      this.keys = keys;
    }

    /** A block by the miner of {@code rank} on {@code parent}, at the earliest time it may be made. */
    Block block(StoredBlock parent, StateTree parentState, int rank, List<Transaction> txs) {
      AccountKey miner = keys.values().stream()
          .filter(k -> Ranks.rank(params, parent.block().header(), k.address()) == rank).findFirst().orElseThrow();
      long ts = Ranks.earliestTimestamp(params, parent.block().header(), rank, txs.size());
      BlockAssembler.Assembled a = assembler.assemble(parent, parentState, miner.address(), ts, txs, Bytes.of((byte) 1, (byte) 2));
      return ChainFixture.seal(a.header(), a.transactions(), miner);
    }

    StoredBlock stored(Block block, StoredBlock parent) {
      int rank = Ranks.rank(params, parent.block().header(), block.header().miner());
      return new StoredBlock(block, Hashes.blockHash(block.sealedHeader()), parent.totalWeight() + Ranks.weight(rank));
    }

    StateTree after(StateTree parentState, Block block) {
      BlockExecutor.Execution e = executor.execute(parentState, Hashes.candidate(block));
      if (!e.isValid()) {
        throw new IllegalStateException("built an invalid block: " + e.result());
      }
      return e.state().tree();
    }
  }

  // ---- the file the child JVMs read -----------------------------------------------------------------

  void write(Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
      out.writeInt(MAGIC);
      byte[] text = genesisText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(text.length);
      out.write(text);
      out.writeInt(blocks.size());
      for (Block blk : blocks) {
        byte[] e = Codec.encode(blk);
        out.writeInt(e.length);
        out.write(e);
      }
    }
  }

  /** What a child needs: the genesis and the blocks. */
  record Input(GenesisBlock genesis, List<Block> blocks) {}

  static Input read(Path file) throws IOException {
    try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a scenario file");
      }
      byte[] text = in.readNBytes(in.readInt());
      GenesisBlock g = GenesisBlock.build(GenesisParser.parse(new String(text, java.nio.charset.StandardCharsets.UTF_8)));
      int n = in.readInt();
      List<Block> blocks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        blocks.add(Codec.decodeBlock(in.readNBytes(in.readInt())));
      }
      return new Input(g, blocks);
    }
  }
}
