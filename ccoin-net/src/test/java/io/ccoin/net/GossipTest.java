package io.ccoin.net;

import io.ccoin.core.internal.NodeAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.net.internal.protocol.NewBlock;
import io.ccoin.net.internal.protocol.Transactions;
import io.ccoin.net.sim.RawPeer;
import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import io.ccoin.net.sim.SimKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Relaying transactions and blocks (SPEC 9): once to every other peer, after checking, never an equivocating block. */
class GossipTest {
  static final ChainFixture FX = new ChainFixture();
  static final List<StoredBlock> CHAIN = FX.inTurnChain(FX.genesisBlock(), 2);

  SimCluster c;
  SimNode n;
  RawPeer r1;
  RawPeer r2;
  PeerConnection c1;
  PeerConnection c2;

  @BeforeEach
  void setUp() {
    c = new SimCluster(12, FX.genesis.genesis());
    n = c.plain("n");
    c.start(n);
    c.runFor(Duration.ofSeconds(3));
    r1 = new RawPeer(c, "r1", SimKeys.key("r1"));
    r2 = new RawPeer(c, "r2", SimKeys.key("r2"));
    c1 = r1.handshake(n.address());
    c2 = r2.handshake(n.address());
  }

  @AfterEach
  void tearDown() {
    c.close();
    assertThat(c.scheduler.failures()).isEmpty();
  }

  List<Transaction> txsReceived(RawPeer r, PeerConnection conn) {
    return r.messages(conn, Transactions.class).stream().flatMap(t -> t.transactions().stream()).toList();
  }

  List<Block> blocksReceived(RawPeer r, PeerConnection conn) {
    return r.messages(conn, NewBlock.class).stream().map(NewBlock::block).toList();
  }

  @Test
  void transactionsAreRelayedOnceToEveryOtherPeer() {
    Transaction t1 = FX.transfer(FX.alice, 0, FX.bob.address(), 5, 1);
    Transaction t2 = FX.transfer(FX.alice, 1, FX.bob.address(), 5, 1);
    r1.send(c1, new Transactions(List.of(t1, t2)));
    c.runFor(Duration.ofSeconds(1));
    assertThat(txsReceived(r2, c2)).containsExactly(t1, t2);
    assertThat(txsReceived(r1, c1)).isEmpty();
    r1.send(c1, new Transactions(List.of(t1)));
    r2.send(c2, new Transactions(List.of(t2)));
    c.runFor(Duration.ofSeconds(1));
    assertThat(txsReceived(r2, c2)).hasSize(2);
    assertThat(txsReceived(r1, c1)).isEmpty();

    // a transaction submitted locally goes to both; a new peer gets the ready ones when it connects
    Transaction t3 = FX.transfer(FX.alice, 2, FX.bob.address(), 5, 1);
    n.node().submit(t3);
    c.runFor(Duration.ofSeconds(1));
    assertThat(txsReceived(r1, c1)).containsExactly(t3);
    assertThat(txsReceived(r2, c2)).containsExactly(t1, t2, t3);
    RawPeer r3 = new RawPeer(c, "r3", SimKeys.key("r3"));
    PeerConnection c3 = r3.handshake(n.address());
    assertThat(txsReceived(r3, c3)).containsExactlyInAnyOrder(t1, t2, t3);
  }

  @Test
  void aTransactionTheNodeHoldsOrHasQueuedIsSkippedBeforeItTakesAPlaceInTheQueue() {
    Transaction t1 = FX.transfer(FX.alice, 0, FX.bob.address(), 5, 1);
    Transaction t2 = FX.transfer(FX.alice, 1, FX.bob.address(), 5, 1);
    // both peers send t1 at once: the second copy finds it waiting for admission
    r1.send(c1, new Transactions(List.of(t1)));
    r2.send(c2, new Transactions(List.of(t1)));
    c.runFor(Duration.ofSeconds(1));
    assertThat(n.net().transactionsSkippedKnown()).isEqualTo(1);
    assertThat(n.node().pendingNonce(FX.alice.address())).isEqualTo(1);
    // later, the pool holds it: skipped again; a new one beside it is admitted
    r2.send(c2, new Transactions(List.of(t1, t2)));
    c.runFor(Duration.ofSeconds(1));
    assertThat(n.net().transactionsSkippedKnown()).isEqualTo(2);
    assertThat(n.node().pendingNonce(FX.alice.address())).isEqualTo(2);
    assertThat(n.net().transactionsDropped()).isZero();
    assertThat(r1.isClosed(c1) || r2.isClosed(c2)).isFalse();
  }

  @Test
  void transactionsAdmittedWithinAnIntervalGoOutInOneFrame() {
    // ten transactions admitted 10 ms apart: one TXS per peer, not ten
    List<Transaction> txs = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Transaction tx = FX.transfer(FX.alice, i, FX.bob.address(), 5, 1);
      txs.add(tx);
      n.node().submit(tx);
      c.runFor(Duration.ofMillis(9));
    }
    c.runFor(Duration.ofSeconds(1));
    assertThat(txsReceived(r1, c1)).containsExactlyElementsOf(txs);
    assertThat(r1.messages(c1, Transactions.class)).hasSize(1);
    assertThat(r2.messages(c2, Transactions.class)).hasSize(1);
    // and none goes out before the interval is over
    Transaction late = FX.transfer(FX.alice, 10, FX.bob.address(), 5, 1);
    n.node().submit(late);
    c.runFor(Duration.ofMillis(io.ccoin.net.internal.gossip.Gossip.FLUSH_INTERVAL_MS / 2));
    assertThat(r1.messages(c1, Transactions.class)).hasSize(1);
    c.runFor(Duration.ofMillis(io.ccoin.net.internal.gossip.Gossip.FLUSH_INTERVAL_MS));
    assertThat(r1.messages(c1, Transactions.class)).hasSize(2);
    assertThat(txsReceived(r1, c1)).endsWith(late);
  }

  @Test
  void aBlockIsRelayedAfterItWasImportedButNeverAnEquivocatingOne() {
    Block b1 = CHAIN.get(0).block();
    c.runFor(Duration.ofMillis(Math.max(0, b1.header().timestamp() - c.scheduler.now())));
    r1.send(c1, new NewBlock(b1));
    c.runFor(Duration.ofSeconds(1));
    assertThat(blocksReceived(r2, c2)).containsExactly(b1);
    assertThat(blocksReceived(r1, c1)).isEmpty();

    // the same miner signs another block at the same number: imported (it may be needed), not relayed
    Block twin = FX.block(FX.genesisBlock(), FX.leaderOn(FX.genesisBlock()), List.of(), b1.header().timestamp() + 1);
    c.runFor(Duration.ofMillis(10));
    r1.send(c1, new NewBlock(twin));
    c.runFor(Duration.ofSeconds(1));
    Hash twinHash = Hashes.blockHash(twin.sealedHeader());
    assertThat(n.node().block(twinHash)).isPresent();
    assertThat(NodeAccess.chain(n.node()).isRelayable(twinHash)).isFalse();
    assertThat(blocksReceived(r2, c2)).containsExactly(b1);
    assertThat(n.net().peers()).hasSize(2);
    assertThat(NodeAccess.chain(n.node()).equivocations()).hasSize(1);
  }

  @Test
  void blocksAValidatorProducesAreAnnounced() {
    SimNode m0 = c.add("m0", TestKeys.vector(0), List.of());
    m0.miner().pause(true);
    c.start(m0);
    RawPeer r4 = new RawPeer(c, "r4", SimKeys.key("r4"));
    PeerConnection c4 = r4.handshake(m0.address());
    m0.miner().pause(false);
    assertThat(c.runUntil(() -> m0.height() >= 1, Duration.ofSeconds(5))).isTrue();
    c.runFor(Duration.ofSeconds(1));
    assertThat(blocksReceived(r4, c4)).extracting(Block::number).containsExactly(1L);
    assertThat(blocksReceived(r4, c4).get(0)).isEqualTo(m0.node().head().block());
  }
}
