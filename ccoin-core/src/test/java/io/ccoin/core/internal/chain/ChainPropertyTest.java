package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.internal.state.WorkingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of valid and invalid blocks and transactions, on random parents (so forks and
 * reorgs happen): after every step the head's state equals a replay of the canonical chain from
 * genesis, in the chain's memory and in its store.
 */
class ChainPropertyTest {
  static final int STEPS = 150;

  final ChainFixture f = new ChainFixture("");
  final Random random = new Random(7);
  final TxVerifier replayVerifier = new TxVerifier(f.genesis.genesis().params(), f.genesis.hash(), 100_000);

  @Test
  void stateAlwaysEqualsAReplayOfTheCanonicalChain() {
    Chain chain = f.newChain();
    List<StoredBlock> known = new ArrayList<>(List.of(f.genesisBlock()));
    List<AccountKey> users = List.of(f.alice, f.bob, f.miners.get(0), f.miners.get(1));
    int imported = 0;
    int invalid = 0;
    for (int step = 0; step < STEPS; step++) {
      StoredBlock parent = random.nextInt(3) == 0 ? known.get(random.nextInt(known.size())) : chain.head().stored();
      if (f.stored(parent.hash()) == null) {
        parent = f.genesisBlock();
      }
      AccountKey miner = f.miners.get(random.nextInt(3));
      List<Transaction> txs = randomTransactions(parent, users);
      Block block = f.block(parent, miner, txs);
      boolean corrupt = random.nextInt(6) == 0;
      if (corrupt) {
        BlockHeader h = block.header();
        block = ChainFixture.seal(new BlockHeader(1, h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(), h.txRoot(),
            Hashes.txHash(txs.isEmpty() ? f.transfer(f.alice, 0, f.bob.address(), 1, 1) : txs.get(0)), h.difficulty(), h.data(), 0),
            block.transactions(), miner);
      }
      f.clockAt(block);
      ImportResult r = chain.importBlock(block);
      if (r.status() == ImportResult.Status.IMPORTED) {
        imported++;
        known.add(f.remember(block));
      } else if (r.status() == ImportResult.Status.INVALID) {
        invalid++;
      }
      if (corrupt) {
        assertThat(r.status()).isIn(ImportResult.Status.INVALID, ImportResult.Status.IMPORTED);
      }
      assertMatchesReplay(chain);
    }
    assertThat(imported).as("blocks imported").isGreaterThan(STEPS / 3);
    assertThat(invalid).as("blocks refused").isPositive();
  }

  List<Transaction> randomTransactions(StoredBlock parent, List<AccountKey> users) {
    StateTree state = f.state(parent.hash());
    Map<Address, Long> nonces = new HashMap<>();
    List<Transaction> txs = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      AccountKey from = users.get(random.nextInt(users.size()));
      long nonce = nonces.getOrDefault(from.address(), state.get(from.address()).nonce());
      long value;
      switch (random.nextInt(5)) {
        case 0 -> nonce += 1 + random.nextInt(2);                  // a gap: invalid here
        case 1 -> nonce = Math.max(0, nonce - 1);                  // a replay: invalid
        default -> { }
      }
      value = random.nextInt(4) == 0 ? state.get(from.address()).balance() + 1 : random.nextInt(500);
      Transaction tx = f.transfer(from, nonce, users.get(random.nextInt(users.size())).address(), value, 1 + random.nextInt(3));
      txs.add(tx);
      nonces.put(from.address(), nonce + 1);
    }
    return txs;
  }

  void assertMatchesReplay(Chain chain) {
    ChainHead head = chain.head();
    BlockExecutor executor = new BlockExecutor(replayVerifier);
    StateTree state = StateTree.of(f.genesis.state());
    for (long n = 1; n <= head.number(); n++) {
      StoredBlock b = chain.blockAt(n).orElseThrow();
      WorkingState ws = new WorkingState(state);
      assertThat(executor.executeOn(ws, Hashes.candidate(b.block())).isValid()).isTrue();
      state = ws.tree();
    }
    Hash replayRoot = state.root();
    assertThat(head.block().header().stateRoot()).isEqualTo(replayRoot);
    Map<Address, Account> stored = new HashMap<>();
    chain.store().forEachAccount(stored::put);
    assertThat(StateTree.of(stored).root()).isEqualTo(replayRoot);
    assertThat(chain.store().head()).contains(head.hash());
  }
}
