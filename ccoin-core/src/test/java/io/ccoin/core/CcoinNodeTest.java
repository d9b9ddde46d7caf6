package io.ccoin.core;

import io.ccoin.core.internal.NodeAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Account;
import io.ccoin.api.Block;
import io.ccoin.api.Genesis;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.merkle.StateProofVerifier;
import io.ccoin.core.mining.FileSignedHeight;
import io.ccoin.core.mining.SignedHeight;
import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node in-process on the system clock: a single validator runs a chain alone. */
class CcoinNodeTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  final AccountKey miner = TestKeys.vector(0);
  final AccountKey alice = TestKeys.vector(1);
  final AccountKey bob = TestKeys.vector(2);

  Genesis genesis(String extra) {
    return GenesisParser.parse("""
        {"network_id": 9, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"]%s},
         "genesis_block": {"difficulty": 1},
         "alloc": {"%s": {"balance": 1000000}}}
        """.formatted(miner.address(), extra, alice.address()));
  }

  @Test
  void aSingleValidatorRunsAChainAloneAndMinesASubmittedTransfer() throws Exception {
    try (CcoinNode node = Ccoin.builder().genesis(genesis("")).validator(miner).build().start()) {
      List<Long> heads = new CopyOnWriteArrayList<>();
      Subscription sub = node.onNewHead(e -> heads.add(e.head().number()));
      Await.until("three blocks", () -> node.head().number() >= 3);
      assertThat(heads).isNotEmpty();
      assertThat(node.head().block().header().data().toArray()).isEqualTo("idle".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

      Transaction tx = TransactionBuilder.forNetwork(9, node.genesis().hash()).nonce(0).to(bob.address()).value(1234).fee(7).sign(alice);
      AddResult r = node.submit(tx);
      assertThat(r.status()).isEqualTo(AddResult.Status.ADDED);
      assertThat(node.submit(tx).status()).isEqualTo(AddResult.Status.ALREADY_KNOWN);
      assertThat(node.pendingNonce(alice.address())).isEqualTo(1);
      Await.until("the transfer to be mined", () -> node.transaction(r.hash())
          .map(t -> t.status() == TransactionInfo.Status.CONFIRMED).orElse(false));
      assertThat(node.account(bob.address())).isEqualTo(new Account(1234, 0));
      assertThat(node.account(alice.address())).isEqualTo(new Account(1_000_000 - 1234 - 7, 1));
      Await.until("the pool to drop the included transfer", () -> NodeAccess.pool(node).size() == 0);
      TransactionInfo info = node.transaction(r.hash()).orElseThrow();
      assertThat(info.confirmations()).isPositive();
      assertThat(node.block(info.location().orElseThrow().blockNumber()).orElseThrow().block().transactions()).contains(tx);

      var proven = node.proof(bob.address());
      assertThat(StateProofVerifier.verify(proven.proof(), proven.block().block().header().stateRoot()).isValid()).isTrue();
      assertThat(proven.proof().account()).isEqualTo(node.account(bob.address()));

      Transaction replay = tx;
      assertThat(node.submit(replay).status()).isIn(AddResult.Status.REJECTED, AddResult.Status.ALREADY_KNOWN);
      Transaction tooPoor = TransactionBuilder.forNetwork(9, node.genesis().hash()).nonce(0).to(alice.address()).value(5000).fee(1).sign(bob);
      assertThat(node.submit(tooPoor).error()).contains(PoolError.INSUFFICIENT_FUNDS);

      sub.close();
      int seen = heads.size();
      long at = node.head().number();
      Await.until("another block", () -> node.head().number() > at + 1);
      assertThat(heads).hasSize(seen);
    }
  }

  @Test
  void aFollowerImportsWhatTheValidatorProduces() throws Exception {
    Genesis g = genesis("");
    try (CcoinNode follower = Ccoin.builder().genesis(g).build().start();
        CcoinNode validator = Ccoin.builder().genesis(g).validator(miner).build()) {
      AtomicInteger imported = new AtomicInteger();
      validator.onBlockProduced(b -> {
        if (follower.importBlock(b).status() == ImportResult.Status.IMPORTED) {
          imported.incrementAndGet();
        }
      });
      validator.start();
      Await.until("the follower to follow", () -> imported.get() >= 3);
      Await.until("the same head", () -> follower.head().hash().equals(validator.head().hash()));
      assertThat(follower.validatorAddress()).isEmpty();
    }
  }

  @Test
  void aPrebuiltGenesisBlockIsUsedAsIsWithoutGrindingAgain() {
    Genesis g = genesis("");
    io.ccoin.core.genesis.GenesisBlock built = io.ccoin.core.genesis.GenesisBlock.build(g);
    try (CcoinNode node = Ccoin.builder().genesis(built).build()) {
      assertThat(node.genesis()).isSameAs(built);
      assertThat(node.head().hash()).isEqualTo(built.hash());
    }
  }

  @Test
  void aKeyThatIsNotAMinerCannotValidate() {
    assertThatThrownBy(() -> Ccoin.builder().genesis(genesis("")).validator(bob).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of this network's miners");
    assertThatThrownBy(() -> Ccoin.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("genesis");
  }

  @Test
  void aRestartedValidatorNeverSignsAHeightTwice(@TempDir Path dir) throws Exception {
    Genesis g = genesis("");
    Path signed = dir.resolve("signed-height");
    long reached;
    try (CcoinNode node = Ccoin.builder().genesis(g).validator(miner).signedHeight(new FileSignedHeight(signed)).build().start()) {
      Await.until("two blocks", () -> node.head().number() >= 2);
      reached = new FileSignedHeight(signed).highest();
      assertThat(reached).isGreaterThanOrEqualTo(2);
    }
    // A fresh in-memory chain restarts at genesis, but the signed height forbids re-signing 1..reached.
    // The producer asks the signed height on every decision it makes while no attempt runs (an
    // attempt in progress would stop the asking until the head moves), so twenty answers with the
    // head still at genesis and nothing recorded are twenty refusals, however fast the machine is.
    long before = new FileSignedHeight(signed).highest();
    assertThat(before).isGreaterThanOrEqualTo(reached);
    CountingSignedHeight counting = new CountingSignedHeight(new FileSignedHeight(signed));
    try (CcoinNode node = Ccoin.builder().genesis(g).validator(miner).signedHeight(counting).productionPollMs(5).build().start()) {
      Await.until("twenty production decisions", () -> counting.asked.get() >= 20);
      assertThat(counting.recorded.get()).as("heights recorded for signing").isZero();
      assertThat(node.head().number()).isZero();
    }
    assertThat(new FileSignedHeight(signed).highest()).isEqualTo(before);
  }

  /** A {@link SignedHeight} that counts how often it is asked and written. */
  static final class CountingSignedHeight implements SignedHeight {
    final SignedHeight inner;
    final AtomicInteger asked = new AtomicInteger();
    final AtomicInteger recorded = new AtomicInteger();

    CountingSignedHeight(SignedHeight inner) {
      this.inner = inner;
    }

    @Override
    public long highest() {
      asked.incrementAndGet();
      return inner.highest();
    }

    @Override
    public void record(long number) {
      recorded.incrementAndGet();
      inner.record(number);
    }
  }

  @Test
  void producedBlocksCarryTheirMinersSeal() throws Exception {
    try (CcoinNode node = Ccoin.builder().genesis(genesis("")).validator(miner).build().start()) {
      List<Block> produced = new CopyOnWriteArrayList<>();
      node.onBlockProduced(produced::add);
      Await.until("a produced block", () -> !produced.isEmpty());
      Block b = produced.get(0);
      assertThat(b.sealedHeader().minerKey()).isEqualTo(miner.publicKey());
      assertThat(NodeAccess.chain(node).isRelayable(Hashes.blockHash(b.sealedHeader()))).isTrue();
    }
  }
}
