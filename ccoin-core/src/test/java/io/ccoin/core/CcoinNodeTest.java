package io.ccoin.core;

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
import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void aSingleValidatorRunsAChainAloneAndMinesASubmittedTransfer() throws Exception {
    try (CcoinNode node = Ccoin.builder().genesis(genesis("")).validator(miner).build().start()) {
      List<Long> heads = new CopyOnWriteArrayList<>();
      Subscription sub = node.onNewHead(e -> heads.add(e.head().number()));
      await("three blocks", () -> node.head().number() >= 3);
      assertThat(heads).isNotEmpty();
      assertThat(node.head().block().header().data().toArray()).isEqualTo("idle".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

      Transaction tx = TransactionBuilder.forNetwork(9, node.genesis().hash()).nonce(0).to(bob.address()).value(1234).fee(7).sign(alice);
      AddResult r = node.submit(tx);
      assertThat(r.status()).isEqualTo(AddResult.Status.ADDED);
      assertThat(node.submit(tx).status()).isEqualTo(AddResult.Status.ALREADY_KNOWN);
      assertThat(node.pendingNonce(alice.address())).isEqualTo(1);
      await("the transfer to be mined", () -> node.transaction(r.hash())
          .map(t -> t.status() == TransactionInfo.Status.CONFIRMED).orElse(false));
      assertThat(node.account(bob.address())).isEqualTo(new Account(1234, 0));
      assertThat(node.account(alice.address())).isEqualTo(new Account(1_000_000 - 1234 - 7, 1));
      await("the pool to drop the included transfer", () -> node.pool().size() == 0);
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
      await("another block", () -> node.head().number() > at + 1);
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
      await("the follower to follow", () -> imported.get() >= 3);
      await("the same head", () -> follower.head().hash().equals(validator.head().hash()));
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
      await("two blocks", () -> node.head().number() >= 2);
      reached = new FileSignedHeight(signed).highest();
      assertThat(reached).isGreaterThanOrEqualTo(2);
    }
    // a fresh in-memory chain restarts at genesis, but the signed height forbids re-signing 1..reached
    try (CcoinNode node = Ccoin.builder().genesis(g).validator(miner).signedHeight(new FileSignedHeight(signed)).productionPollMs(5).build().start()) {
      Thread.sleep(600);
      assertThat(node.head().number()).isZero();
    }
  }

  @Test
  void producedBlocksCarryTheirMinersSeal() throws Exception {
    try (CcoinNode node = Ccoin.builder().genesis(genesis("")).validator(miner).build().start()) {
      List<Block> produced = new CopyOnWriteArrayList<>();
      node.onBlockProduced(produced::add);
      await("a produced block", () -> !produced.isEmpty());
      Block b = produced.get(0);
      assertThat(b.sealedHeader().minerKey()).isEqualTo(miner.publicKey());
      assertThat(node.chain().isRelayable(Hashes.blockHash(b.sealedHeader()))).isTrue();
    }
  }
}
