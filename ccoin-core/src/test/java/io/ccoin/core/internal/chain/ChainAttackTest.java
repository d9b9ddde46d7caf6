package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.merkle.TxRoot;
import io.ccoin.core.internal.state.StateTransition;
import io.ccoin.core.internal.state.WorkingState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attacks that worked on the original toychain. Each block here is built as a naive node would
 * accept it (valid proof of work, consistent roots where the attacker can make them so), and each
 * must be refused with the state left exactly as it was.
 */
class ChainAttackTest {
  final ChainFixture f = new ChainFixture();
  final Chain chain = f.newChain();
  final StoredBlock genesis = f.genesisBlock();

  /** Builds a block with roots computed by applying {@code txs} naively (no checks at all), sealed by {@code miner}. */
  Block naiveBlock(AccountKey miner, List<Transaction> txs, long reward) {
    StateTree base = f.state(genesis.hash());
    WorkingState ws = new WorkingState(base);
    for (Transaction tx : txs) {
      var from = io.ccoin.core.crypto.PublicKeys.address(tx.publicKey());
      Account a = ws.get(from);
      long left = a.balance() - tx.value() - tx.fee(); // wraps, as a naive node would
      ws.put(from, new Account(left < 0 ? 0 : left, a.nonce() + 1));
      Account to = ws.get(tx.to());
      long credited = to.balance() + tx.value();
      ws.put(tx.to(), new Account(credited < 0 ? Long.MAX_VALUE : credited, to.nonce()));
    }
    StateTransition.credit(ws, miner.address(), reward);
    List<Hash> hashes = txs.stream().map(Hashes::txHash).toList();
    long ts = genesis.block().header().timestamp() + ChainFixture.INTERVAL;
    BlockHeader h = new BlockHeader(1, 5, 1, genesis.hash(), ts, miner.address(), TxRoot.of(hashes), ws.root(), 1,
        io.ccoin.api.Bytes.EMPTY, 0);
    f.clock.set(ts);
    return ChainFixture.seal(h, txs, miner);
  }

  void assertRefusedAndNothingChanged(Block b, String rule) {
    Hash head = chain.head().hash();
    Hash root = chain.head().block().header().stateRoot();
    ImportResult r = chain.importBlock(b);
    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).as(r.validation().reason()).isEqualTo(rule);
    assertThat(chain.head().hash()).isEqualTo(head);
    assertThat(chain.head().block().header().stateRoot()).isEqualTo(root);
    assertThat(chain.store().block(r.blockHash())).isEmpty();
    assertThat(chain.store().account(f.alice.address())).contains(new Account(1_000_000_000, 0));
    assertThat(chain.store().account(f.bob.address())).contains(new Account(1_000, 0));
    assertThat(chain.store().account(f.leaderOn(genesis).address())).isEmpty();
    assertThat(chain.head().accountCount()).isEqualTo(2);
  }

  void assertHonestBlockStillImports() {
    Block honest = f.block(genesis, f.leaderOn(genesis), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    f.clockAt(honest);
    assertThat(chain.importBlock(honest).status()).isEqualTo(ImportResult.Status.IMPORTED);
  }

  @Test
  void validProofOfWorkByAKeyThatIsNotAMiner() {
    AccountKey outsider = TestKeys.extra(2);
    assertRefusedAndNothingChanged(naiveBlock(outsider, List.of(), 100), "authority");
    assertHonestBlockStillImports();
  }

  @Test
  void amountAboveTheSendersBalance() {
    Transaction tx = f.transfer(f.bob, 0, f.alice.address(), 1_001, 1);
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(tx), 100), "tx-funds");
    assertHonestBlockStillImports();
  }

  @Test
  void overflowingValuePlusFee() {
    Transaction tx = f.transfer(f.alice, 0, f.bob.address(), Long.MAX_VALUE, 2);
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(tx), 100), "tx-overflow");
    assertHonestBlockStillImports();
  }

  @Test
  void lastTransactionWithABadSignature() {
    Transaction good = f.transfer(f.alice, 0, f.bob.address(), 10, 1);
    Transaction forged = f.transfer(f.alice, 1, f.bob.address(), 10, 1).withSignature(f.bob.sign(new byte[] {9}));
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(good, forged), 102), "tx-signature");
    assertHonestBlockStillImports();
  }

  @Test
  void wrongStateRootLeavesNoStateBehind() {
    Block honest = f.block(genesis, f.leaderOn(genesis), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    BlockHeader h = honest.header();
    BlockHeader wrong = new BlockHeader(1, 5, 1, h.parentHash(), h.timestamp(), h.miner(), h.txRoot(), Hash.ZERO, 1, h.data(), 0);
    f.clockAt(honest);
    assertRefusedAndNothingChanged(ChainFixture.seal(wrong, honest.transactions(), f.leaderOn(genesis)), "stateRoot");
    assertThat(chain.importBlock(honest).status()).isEqualTo(ImportResult.Status.IMPORTED);
  }

  @Test
  void failingTransferToANewAddressCreatesNoAccount() {
    AccountKey nobody = TestKeys.extra(3);
    Transaction tx = f.transfer(f.bob, 0, nobody.address(), 5_000, 1);
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(tx), 100), "tx-funds");
    assertThat(chain.store().account(nobody.address())).isEmpty();
    assertThat(chain.head().account(nobody.address())).isEqualTo(Account.EMPTY);
  }

  @Test
  void transactionSignedForAnotherChain() {
    Transaction otherChainId = TransactionBuilder.forNetwork(6, f.genesis.hash()).nonce(0).to(f.bob.address()).value(1).fee(1).sign(f.alice);
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(otherChainId), 100), "tx-chain");
    Transaction otherGenesis = TransactionBuilder.forNetwork(5, Hash.ZERO).nonce(0).to(f.bob.address()).value(1).fee(1).sign(f.alice);
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(otherGenesis), 100), "tx-signature");
    assertHonestBlockStillImports();
  }

  @Test
  void replayedNonce() {
    Transaction tx = f.transfer(f.alice, 0, f.bob.address(), 5, 1);
    StoredBlock b1 = f.next(genesis, f.leaderOn(genesis), List.of(tx));
    f.clockAt(b1.block());
    assertThat(chain.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    // the same signed transaction again in block 2: a naive node would apply it twice
    StateTree base = f.state(b1.hash());
    WorkingState ws = new WorkingState(base);
    ws.put(f.alice.address(), new Account(ws.get(f.alice.address()).balance() - 6, 2));
    ws.put(f.bob.address(), new Account(ws.get(f.bob.address()).balance() + 5, 0));
    AccountKey miner = f.leaderOn(b1);
    StateTransition.credit(ws, miner.address(), 101);
    long ts = b1.block().header().timestamp() + ChainFixture.INTERVAL;
    BlockHeader h = new BlockHeader(1, 5, 2, b1.hash(), ts, miner.address(), TxRoot.of(List.of(Hashes.txHash(tx))), ws.root(), 1,
        io.ccoin.api.Bytes.EMPTY, 0);
    f.clock.set(ts);
    ImportResult r = chain.importBlock(ChainFixture.seal(h, List.of(tx), miner));
    assertThat(r.validation().rule()).isEqualTo("tx-nonce");
    assertThat(chain.head().hash()).isEqualTo(b1.hash());
    assertThat(chain.head().account(f.alice.address())).isEqualTo(new Account(1_000_000_000 - 6, 1));
  }

  @Test
  void rewardAboveTheRuleIsRefused() {
    assertRefusedAndNothingChanged(naiveBlock(f.leaderOn(genesis), List.of(), 1_000_000), "stateRoot");
  }

  @Test
  void blockZeroFromAPeerIsRefused() {
    Block g = f.genesis.block();
    assertThat(chain.importBlock(g).status()).isEqualTo(ImportResult.Status.ALREADY_KNOWN);
    BlockHeader h = g.header();
    BlockHeader fake = new BlockHeader(1, 5, 0, Hash.ZERO, h.timestamp() + 1, f.miners.get(0).address(), h.txRoot(), h.stateRoot(), 1, h.data(), 0);
    ImportResult r = chain.importBlock(ChainFixture.seal(fake, List.of(), f.miners.get(0)));
    assertThat(r.validation().rule()).isEqualTo("format");
  }
}
