package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.PeerConnection;
import io.ccoin.api.Transaction;
import io.ccoin.core.pool.PoolStats;
import io.ccoin.net.internal.protocol.Transactions;
import io.ccoin.net.sim.RawPeer;
import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import io.ccoin.net.sim.SimKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code TXS} dropped because the admission queue was full leaves no sender's later nonces waiting
 * in the pool as {@code future}: they are dropped and counted too, until the missing nonce reaches
 * the node, after which the sender's transactions are admitted again. A plain node (nothing is
 * mined), one peer, the smallest queue (1,024).
 */
class GossipNonceGapTest {
  static final int LIMIT = 1024;
  static final int ALICE_TXS = 64;
  static final int FILLER_FRAMES = LIMIT / ALICE_TXS;
  static final int BOB_FRAME = 32;

  SimCluster c;
  SimNode n;
  RawPeer flooder;
  PeerConnection conn;

  @BeforeEach
  void setUp() {
    c = new SimCluster(43).config(NetworkConfig.builder().txQueueLimit(LIMIT).build());
    n = c.plain("n");
    c.start(n);
    c.runFor(Duration.ofSeconds(2));
    flooder = new RawPeer(c, "flooder", SimKeys.key("flooder"));
    conn = flooder.handshake(n.address());
  }

  @AfterEach
  void tearDown() {
    c.close();
    assertThat(c.scheduler.failures()).isEmpty();
  }

  private Transactions bobFrame(long firstNonce) {
    List<Transaction> txs = new ArrayList<>();
    for (long nonce = firstNonce; nonce < firstNonce + BOB_FRAME; nonce++) {
      txs.add(c.transfer(c.bob, nonce, 1, 1));
    }
    return new Transactions(txs);
  }

  private PoolStats pool() {
    return n.node().poolStats();
  }

  @Test
  void laterNoncesOfASenderWhoseTransactionsWereDroppedAreNotStrandedInThePool() {
    // distinct frames (a transaction already waiting is not queued twice): the first admitted, the others underpriced replacements
    List<Transactions> filler = new ArrayList<>();
    for (int f = 0; f < FILLER_FRAMES; f++) {
      List<Transaction> alice = new ArrayList<>();
      for (int i = 0; i < ALICE_TXS; i++) {
        alice.add(c.transfer(c.alice, i, f + 1, 1));
      }
      filler.add(new Transactions(alice));
    }
    Transactions bobFirst = bobFrame(0);
    Transactions bobSecond = bobFrame(BOB_FRAME);

    // the queue is full of alice's frames when bob's first arrives: it is dropped
    filler.forEach(f -> flooder.send(conn, f));
    flooder.send(conn, bobFirst);
    assertThat(c.runUntil(() -> n.net().transactionsDropped() == BOB_FRAME, Duration.ofSeconds(5))).isTrue();
    assertThat(c.runUntil(() -> n.node().pendingNonce(c.alice.address()) == ALICE_TXS, Duration.ofSeconds(5))).isTrue();

    // the queue is empty again; bob's next nonces would only wait behind the missing ones
    flooder.send(conn, bobSecond);
    c.runFor(Duration.ofSeconds(1));
    assertThat(pool().futureCount()).isZero();
    assertThat(n.net().transactionsDroppedAfterGap()).isEqualTo(BOB_FRAME);
    assertThat(n.net().transactionsDropped()).isEqualTo(2L * BOB_FRAME);
    assertThat(pool().readyCount()).isEqualTo(ALICE_TXS);
    assertThat(n.node().pendingNonce(c.bob.address())).isZero();
    assertThat(flooder.isClosed(conn)).isFalse();

    // the missing nonces arrive again (another peer, a reorg): bob's transactions are admitted again, in order
    flooder.send(conn, bobFirst);
    assertThat(c.runUntil(() -> n.node().pendingNonce(c.bob.address()) == BOB_FRAME, Duration.ofSeconds(5))).isTrue();
    flooder.send(conn, bobSecond);
    assertThat(c.runUntil(() -> n.node().pendingNonce(c.bob.address()) == 2L * BOB_FRAME, Duration.ofSeconds(5))).isTrue();
    assertThat(pool().futureCount()).isZero();
    assertThat(n.net().transactionsDropped()).isEqualTo(2L * BOB_FRAME);
    assertThat(n.net().transactionsDroppedAfterGap()).isEqualTo(BOB_FRAME);
    assertThat(flooder.isClosed(conn)).isFalse();
  }

  @Test
  void aTransactionThePoolRefusedForANonceTooFarAheadHoldsBackTheSendersLaterNonces() {
    // the pool takes nonces below the account nonce (0) plus 64: 64 and 65 are refused nonce_too_far
    flooder.send(conn, new Transactions(List.of(c.transfer(c.bob, 64, 1, 1), c.transfer(c.bob, 65, 1, 1))));
    c.runFor(Duration.ofSeconds(1));
    assertThat(n.net().transactionsDropped()).isZero();
    // no peer sends 64 again: 66 would only wait behind it, so it is dropped unchecked
    flooder.send(conn, new Transactions(List.of(c.transfer(c.bob, 66, 1, 1))));
    c.runFor(Duration.ofSeconds(1));
    assertThat(n.net().transactionsDroppedAfterGap()).isEqualTo(1);
    assertThat(n.net().transactionsDropped()).isEqualTo(1);
    // bob's earlier nonces are taken as before
    flooder.send(conn, bobFrame(0));
    assertThat(c.runUntil(() -> n.node().pendingNonce(c.bob.address()) == BOB_FRAME, Duration.ofSeconds(5))).isTrue();
    assertThat(pool().futureCount()).isZero();
    assertThat(flooder.isClosed(conn)).isFalse();
  }
}
