package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.net.internal.protocol.Blocks;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.internal.protocol.GetBlocks;
import io.ccoin.net.internal.protocol.NewBlock;
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
 * Misbehaviour scores, bans, the GBL rate limit, request ids and the sync state machine, driven by
 * a scripted peer against a real node on {@link ChainFixture}'s network.
 */
class PeerProtocolTest {
  static final ChainFixture FX = new ChainFixture();
  static final List<StoredBlock> CHAIN = FX.inTurnChain(FX.genesisBlock(), 6);

  SimCluster c;
  SimNode n;
  RawPeer raw;

  @BeforeEach
  void setUp() {
    c = new SimCluster(9, FX.genesis.genesis());
    n = c.plain("n");
    c.start(n);
    raw = new RawPeer(c, "raw", SimKeys.key("raw"));
  }

  @AfterEach
  void tearDown() {
    c.close();
    assertThat(c.scheduler.failures()).isEmpty();
  }

  Block block(int number) {
    return CHAIN.get(number - 1).block();
  }

  /** Moves virtual time to {@code b}'s timestamp, so it is not a future block. */
  void clockAt(Block b) {
    long wait = b.header().timestamp() - c.scheduler.now();
    if (wait > 0) {
      c.runFor(Duration.ofMillis(wait));
    }
  }

  /**
   * SPEC 9 at score 100: {@code BYE 4} and closed; the same node id is refused for 10 minutes; the
   * address is only discouraged, so another node on the same host still gets in while a slot is free.
   */
  void assertRefusedAndDiscouraged(PeerConnection conn, String text) {
    c.runFor(Duration.ofSeconds(1));
    assertThat(raw.bye(conn)).as("BYE, got %s", raw.messages(conn)).isPresent();
    assertThat(raw.bye(conn).get().reason()).contains(ByeReason.MISBEHAVIOUR);
    assertThat(raw.bye(conn).get().text()).contains(text);
    assertThat(raw.isClosed(conn)).isTrue();
    PeerConnection again = raw.dial(n.address());
    raw.send(again, raw.hello());
    c.runFor(Duration.ofSeconds(1));
    assertThat(raw.bye(again).flatMap(b -> b.reason())).contains(ByeReason.MISBEHAVIOUR);
    assertThat(raw.bye(again).get().text()).isEqualTo("node id refused after misbehaviour");
    assertThat(n.net().refusedNodeIds()).containsKey(io.ccoin.net.NodeId.ofKey(raw.key.publicKey()).toHex());
    assertThat(n.net().discouraged()).containsKey("raw");
    RawPeer neighbour = new RawPeer(c, "raw", SimCluster.PORT + 1, SimKeys.key("raw-neighbour"));
    PeerConnection other = neighbour.handshake(n.address());
    assertThat(neighbour.isClosed(other)).as("another node on the discouraged host is accepted").isFalse();
    other.close("done");
    c.runFor(Duration.ofSeconds(1));
  }

  void assertStillConnected(PeerConnection conn) {
    c.runFor(Duration.ofSeconds(1));
    assertThat(raw.bye(conn)).as("no BYE, got %s", raw.messages(conn)).isEmpty();
    assertThat(raw.isClosed(conn)).isFalse();
    assertThat(n.net().peers()).hasSize(1);
  }

  // ---- misbehaviour ----------------------------------------------------------------------------

  @Test
  void anUndecodableFrameScores100AndRefusesTheNodeIdForTenMinutes() {
    PeerConnection conn = raw.handshake(n.address());
    conn.send(new Frame("TXS", Bytes.of((byte) 0x91, (byte) 0xcc, (byte) 0x01)));
    assertRefusedAndDiscouraged(conn, "malformed_frame");
    c.runFor(Duration.ofMinutes(10));
    PeerConnection later = raw.handshake(n.address());
    assertThat(raw.isClosed(later)).isFalse();
    assertThat(n.net().peers()).hasSize(1);
  }

  @Test
  void anUnknownHeaderScores100() {
    PeerConnection conn = raw.handshake(n.address());
    conn.send(new Frame("XYZ", Bytes.of((byte) 0x90)));
    assertRefusedAndDiscouraged(conn, "unknown header 'XYZ'");
  }

  @Test
  void aSecondHelloAfterTheHandshakeScores100() {
    PeerConnection conn = raw.handshake(n.address());
    raw.send(conn, raw.hello());
    assertRefusedAndDiscouraged(conn, "HEL after the handshake");
  }

  @Test
  void aBlockByANonMinerScores100() {
    PeerConnection conn = raw.handshake(n.address());
    Block good = block(1);
    clockAt(good);
    SealedHeader forged = new SealedHeader(good.header(), FX.alice.publicKey(),
        FX.alice.sign(Hashes.blockSigningMessage(Hashes.powHash(good.header()))));
    raw.send(conn, new NewBlock(new Block(forged, good.transactions())));
    assertRefusedAndDiscouraged(conn, "invalid_block");
    assertThat(n.height()).isZero();
  }

  @Test
  void aBlockWithABadSignatureScores100() {
    PeerConnection conn = raw.handshake(n.address());
    Block good = block(1);
    clockAt(good);
    SealedHeader forged = new SealedHeader(good.header(), good.sealedHeader().minerKey(),
        FX.alice.sign(Hashes.blockSigningMessage(Hashes.powHash(good.header()))));
    raw.send(conn, new NewBlock(new Block(forged, good.transactions())));
    assertRefusedAndDiscouraged(conn, "invalid_block");
  }

  @Test
  void aBodyThatDoesNotMatchItsHeaderScores100ButDoesNotPoisonTheBlock() {
    Transaction tx = FX.transfer(FX.alice, 0, FX.bob.address(), 5, 1);
    Block withTx = FX.block(FX.genesisBlock(), FX.leaderOn(FX.genesisBlock()), List.of(tx));
    clockAt(withTx);
    PeerConnection conn = raw.handshake(n.address());
    raw.send(conn, new NewBlock(new Block(withTx.sealedHeader(), List.of())));
    assertRefusedAndDiscouraged(conn, "txRoot");
    assertThat(n.node().importBlock(withTx).status()).isEqualTo(io.ccoin.api.ImportResult.Status.IMPORTED);
  }

  @Test
  void aStaleOrOtherForkBlockIsNoOffence() {
    PeerConnection conn = raw.handshake(n.address());
    Block b1 = block(1);
    clockAt(b1);
    raw.send(conn, new NewBlock(b1));
    raw.send(conn, new NewBlock(b1));
    Block sideBranch = FX.block(FX.genesisBlock(), FX.minerOfRank(FX.genesisBlock(), 1), List.of());
    clockAt(sideBranch);
    raw.send(conn, new NewBlock(sideBranch));
    assertStillConnected(conn);
    assertThat(n.node().head().hash()).isEqualTo(CHAIN.get(0).hash());
    assertThat(n.node().block(Hashes.blockHash(sideBranch.sealedHeader()))).isPresent();
  }

  @Test
  void anInvalidTransactionScores10AndAStaleOneNothing() {
    PeerConnection conn = raw.handshake(n.address());
    List<Transaction> bad = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Transaction t = FX.transfer(FX.alice, i, FX.bob.address(), 1, 1);
      bad.add(t.withSignature(FX.bob.sign(new byte[] {(byte) i})));
    }
    raw.send(conn, new Transactions(bad));
    Transaction unaffordable = FX.transfer(FX.bob, 0, FX.alice.address(), 1_000_000, 1);
    Transaction tooFarAhead = FX.transfer(FX.alice, 500, FX.bob.address(), 1, 1);
    raw.send(conn, new Transactions(List.of(unaffordable, tooFarAhead)));
    assertStillConnected(conn);
    Transaction wrongChain = io.ccoin.core.TransactionBuilder.forNetwork(6, FX.genesis.hash()).nonce(0).to(FX.bob.address()).value(1).fee(1)
        .sign(FX.alice);
    raw.send(conn, new Transactions(List.of(wrongChain)));
    assertRefusedAndDiscouraged(conn, "invalid_transaction");
  }

  // ---- answering GBL ---------------------------------------------------------------------------

  void importChain() {
    clockAt(block(6));
    CHAIN.forEach(b -> n.node().importBlock(b.block()));
    assertThat(n.height()).isEqualTo(6);
  }

  @Test
  void gblIsAnsweredFromTheFirstLocatorHashOnTheCanonicalChain() {
    importChain();
    PeerConnection conn = raw.handshake(n.address());
    Hash unknown = Hash.of(new byte[32]);
    raw.send(conn, new GetBlocks(1, List.of(unknown, CHAIN.get(2).hash(), FX.genesis.hash()), 2));
    raw.send(conn, new GetBlocks(2, List.of(FX.genesis.hash()), 512));
    raw.send(conn, new GetBlocks(3, List.of(unknown), 512));
    raw.send(conn, new GetBlocks(4, List.of(CHAIN.get(5).hash()), 512));
    c.runFor(Duration.ofSeconds(1));
    List<Blocks> answers = raw.messages(conn, Blocks.class);
    assertThat(answers).extracting(Blocks::requestId).containsExactly(1L, 2L, 3L, 4L);
    assertThat(answers.get(0).blocks()).containsExactly(block(4), block(5));
    assertThat(answers.get(1).blocks()).hasSize(6).first().isEqualTo(block(1));
    assertThat(answers.get(2).blocks()).isEmpty();
    assertThat(answers.get(3).blocks()).isEmpty();
  }

  @Test
  void atMost20GblArePerPeerPer10Seconds() {
    PeerConnection conn = raw.handshake(n.address());
    for (int i = 0; i < 25; i++) {
      raw.send(conn, new GetBlocks(i, List.of(FX.genesis.hash()), 1));
    }
    c.runFor(Duration.ofSeconds(2));
    assertThat(raw.messages(conn, Blocks.class)).hasSize(20);
    assertStillConnected(conn);
    c.runFor(Duration.ofSeconds(9));
    raw.send(conn, new GetBlocks(100, List.of(FX.genesis.hash()), 1));
    c.runFor(Duration.ofSeconds(1));
    assertThat(raw.messages(conn, Blocks.class)).hasSize(21).last().extracting(Blocks::requestId).isEqualTo(100L);
  }

  // ---- the sync state machine ------------------------------------------------------------------

  @Test
  void aHeavierPeerIsSyncedFromWithTheHeadLocator() {
    clockAt(block(6));
    assertThat(c.runUntil(() -> n.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(15))).isTrue();
    PeerConnection conn = raw.handshake(n.address(), raw.hello(6, CHAIN.get(5).hash(), CHAIN.get(5).totalWeight()));
    GetBlocks gbl = raw.await(conn, GetBlocks.class, Duration.ofSeconds(2));
    assertThat(n.net().syncStatus().state()).isEqualTo(SyncState.SYNCING);
    assertThat(n.net().syncStatus().peer()).contains(io.ccoin.net.NodeId.ofKey(raw.key.publicKey()));
    assertThat(gbl.locator()).containsExactly(FX.genesis.hash());
    assertThat(gbl.max()).isEqualTo(512);
    raw.send(conn, new Blocks(gbl.requestId(), List.of(block(1), block(2), block(3))));
    // the node asks again from the last block it got, until it is no longer lighter
    GetBlocks next = awaitNext(conn, gbl.requestId());
    assertThat(next.locator()).containsExactly(CHAIN.get(2).hash(), CHAIN.get(1).hash(), CHAIN.get(0).hash(), FX.genesis.hash());
    raw.send(conn, new Blocks(next.requestId(), List.of(block(4), block(5), block(6))));
    assertThat(c.runUntil(() -> n.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(2))).isTrue();
    assertThat(n.node().head().hash()).isEqualTo(CHAIN.get(5).hash());
    assertThat(n.net().isReady(1)).isTrue();
    assertStillConnected(conn);
  }

  GetBlocks awaitNext(PeerConnection conn, long after) {
    c.runUntil(() -> raw.messages(conn, GetBlocks.class).stream().anyMatch(g -> g.requestId() > after), Duration.ofSeconds(2));
    return raw.messages(conn, GetBlocks.class).stream().filter(g -> g.requestId() > after).findFirst().orElseThrow();
  }

  @Test
  void aPeerThatDoesNotAnswerLosesItsClaimAfterTenSecondsAndALateAnswerIsIgnored() {
    clockAt(block(6));
    PeerConnection conn = raw.handshake(n.address(), raw.hello(50, Hash.of(new byte[32]), 100));
    GetBlocks gbl = raw.await(conn, GetBlocks.class, Duration.ofSeconds(2));
    assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCING);
    c.runFor(Duration.ofMillis(9_000));
    assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCING);
    c.runFor(Duration.ofMillis(1_500));
    assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCED);
    raw.send(conn, new Blocks(gbl.requestId(), List.of(block(1))));
    raw.send(conn, new Blocks(999, List.of(block(1))));
    assertStillConnected(conn);
    assertThat(n.height()).isZero();
    assertThat(raw.messages(conn, GetBlocks.class)).hasSize(1);

    // announcing a block whose parent is unknown gives the peer its claim back
    raw.send(conn, new NewBlock(block(2)));
    GetBlocks again = awaitNext(conn, gbl.requestId());
    raw.send(conn, new Blocks(again.requestId(), List.of(block(1), block(2))));
    assertThat(c.runUntil(() -> n.height() == 2 && n.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(2))).isTrue();
  }

  @Test
  void aPeerThatDeliversNothingHeavierLosesItsClaim() {
    clockAt(block(6));
    PeerConnection conn = raw.handshake(n.address(), raw.hello(50, Hash.of(new byte[32]), 100));
    GetBlocks gbl = raw.await(conn, GetBlocks.class, Duration.ofSeconds(2));
    raw.send(conn, new Blocks(gbl.requestId(), List.of()));
    assertThat(c.runUntil(() -> n.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(1))).isTrue();
    c.runFor(Duration.ofSeconds(25));
    assertThat(raw.messages(conn, GetBlocks.class)).hasSize(1);
    assertStillConnected(conn);
    // after the claim-retry delay (30 s) the advertised weight counts once more
    c.runFor(Duration.ofSeconds(6));
    assertThat(raw.messages(conn, GetBlocks.class)).hasSize(2);
    assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCING);
  }

  @Test
  void aPeerThatNeverDeliversIsRetriedEverMoreRarely() {
    clockAt(block(6));
    PeerConnection conn = raw.handshake(n.address(), raw.hello(50, Hash.of(new byte[32]), 1L << 50));
    raw.await(conn, GetBlocks.class, Duration.ofSeconds(2));
    List<Integer> requestedAt = new ArrayList<>();
    int notSynced = 0;
    for (int second = 1; second <= 1800; second++) {
      c.runFor(Duration.ofSeconds(1));
      if (second % 20 == 0) {
        raw.send(conn, new io.ccoin.net.internal.protocol.Ping(second)); // stays alive, answers nothing else
      }
      if (n.net().syncState() != SyncState.SYNCED) {
        notSynced++;
      }
      if (raw.messages(conn, GetBlocks.class).size() > requestedAt.size() + 1) {
        requestedAt.add(second);
      }
    }
    // each request times out after 10 s; a request not answered may just have been lost, so the claim
    // counts again after 10 s (the request timeout), then 20, 40, ... s, at most 480 s (16 x the 30 s
    // claim retry): syncing from it (not ready) 90 s in 30 min, not 450 s as with a fixed 30 s
    int[] expected = {21, 51, 101, 191, 361, 691, 1181, 1671};
    assertThat(requestedAt).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(requestedAt.get(i)).as("retry %d at %s", i + 1, requestedAt).isBetween(expected[i] - 3, expected[i] + 3);
    }
    assertThat(notSynced).isLessThanOrEqualTo(100);
    assertStillConnected(conn);

    // a block it delivers resets the delay: announcing one we lack gives it its claim back at once
    raw.send(conn, new NewBlock(block(2)));
    GetBlocks again = awaitNext(conn, raw.messages(conn, GetBlocks.class).get(requestedAt.size()).requestId());
    raw.send(conn, new Blocks(again.requestId(), List.of(block(1), block(2))));
    assertThat(c.runUntil(() -> n.height() == 2 && n.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(2))).isTrue();
  }

  // ---- gossip ----------------------------------------------------------------------------------

  @Test
  void aHeadThatStaysTheSameIsAnnouncedAgainEvery20SecondsUntilThePeerAnnouncesItToo() {
    importChain();
    PeerConnection conn = raw.handshake(n.address(), raw.hello(5, CHAIN.get(4).hash(), CHAIN.get(4).totalWeight()));
    c.runFor(Duration.ofSeconds(1));
    int first = raw.messages(conn, NewBlock.class).size(); // none, or #6 once if the head changed after the handshake
    c.runFor(Duration.ofSeconds(14));
    assertThat(raw.messages(conn, NewBlock.class)).hasSize(first);
    c.runFor(Duration.ofSeconds(7));
    assertThat(raw.messages(conn, NewBlock.class)).hasSize(first + 1).last().extracting(NewBlock::block).isEqualTo(block(6));
    c.runFor(Duration.ofSeconds(20));
    assertThat(raw.messages(conn, NewBlock.class)).hasSize(first + 2).last().extracting(NewBlock::block).isEqualTo(block(6));
    // once the peer announces that head itself, it is known to have it
    raw.send(conn, new NewBlock(block(6)));
    c.runFor(Duration.ofSeconds(30));
    assertThat(raw.messages(conn, NewBlock.class)).hasSize(first + 2);
    assertStillConnected(conn);
  }

  @Test
  void anInvalidBlockInASyncBatchScores100() {
    clockAt(block(6));
    PeerConnection conn = raw.handshake(n.address(), raw.hello(6, CHAIN.get(5).hash(), CHAIN.get(5).totalWeight()));
    GetBlocks gbl = raw.await(conn, GetBlocks.class, Duration.ofSeconds(2));
    Block b2 = block(2);
    Block broken = new Block(new SealedHeader(b2.header(), b2.sealedHeader().minerKey(), Bytes.of(new byte[256])), b2.transactions());
    raw.send(conn, new Blocks(gbl.requestId(), List.of(block(1), broken)));
    assertRefusedAndDiscouraged(conn, "invalid_block");
    assertThat(n.height()).isEqualTo(1);
    assertThat(n.net().syncState()).isEqualTo(SyncState.SYNCED);
  }
}
