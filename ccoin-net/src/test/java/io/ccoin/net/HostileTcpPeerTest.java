package io.ccoin.net;

import io.ccoin.core.internal.NodeAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.pool.AddResult;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.Blocks;
import io.ccoin.net.internal.protocol.Bye;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.internal.protocol.GetBlocks;
import io.ccoin.net.internal.protocol.HandshakeProof;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.internal.protocol.NewBlock;
import io.ccoin.net.NodeId;
import io.ccoin.net.internal.protocol.Ping;
import io.ccoin.net.internal.protocol.Pong;
import io.ccoin.net.internal.protocol.Protocol;
import io.ccoin.net.internal.protocol.Transactions;
import io.ccoin.net.sim.SimKeys;
import io.ccoin.net.tcp.TcpTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile peers on raw TCP sockets against a real node: a single validator mining every 0.2 s
 * ({@link CcoinNode} on the system clock, {@link NetworkService}, {@link TcpTransport} on
 * 127.0.0.1:0) with an honest follower connected to it. After each attack the validator still
 * mines, the follower still follows it, its chain holds only the validator's blocks, and the
 * attacker was disconnected (and, for offences after the handshake, its node id refused: a new
 * connection with its key gets {@code BYE 4} after its {@code HEL}; its address, 127.0.0.1, is only
 * discouraged, so another node on this host still gets in, SPEC 9).
 *
 * <p>Forged and replayed discovery registrations are covered against a real {@code
 * DiscoveryService} over HTTP by {@code DiscoveryServiceTest} (a signature by another key, a
 * changed field, a replayed or older registration, a replay after the node left or expired, a
 * forged deregistration, another node's key deregistering).
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class HostileTcpPeerTest {
  static final AccountKey MINER = TestKeys.vector(0);
  static final AccountKey ALICE = TestKeys.vector(1);
  static final Genesis GENESIS = TcpTestNode.fastGenesis(List.of(MINER), ALICE);
  static final Duration WAIT = Duration.ofSeconds(10);
  static final NetworkConfig CONFIG = NetworkConfig.builder().requestTimeout(Duration.ofSeconds(1))
      .tick(Duration.ofMillis(100)).build();

  TcpTestNode victim;
  TcpTestNode honest;
  final List<RawTcpPeer> raws = new ArrayList<>();
  final List<Hash> attackerBlocks = new ArrayList<>();

  void start() throws Exception {
    start(t -> t);
  }

  /** The validator (its transport set up by {@code transport}) and the follower, connected, both past block 2. */
  void start(UnaryOperator<TcpTransport.Builder> transport) throws Exception {
    victim = TcpTestNode.start(GENESIS, Optional.of(MINER), SimKeys.key("victim"), CONFIG, Optional.empty(), transport);
    honest = TcpTestNode.start(GENESIS, Optional.empty(), SimKeys.key("honest"), CONFIG);
    honest.connect(victim);
    assertThat(Await.within(WAIT, () -> victim.height() >= 2 && honest.height() >= 2)).isTrue();
  }

  @AfterEach
  void tearDown() {
    raws.forEach(RawTcpPeer::close);
    if (honest != null) {
      honest.close();
    }
    if (victim != null) {
      victim.close();
    }
  }

  RawTcpPeer attacker() throws IOException {
    return attacker(0);
  }

  RawTcpPeer attacker(int receiveBuffer) throws IOException {
    RawTcpPeer raw = RawTcpPeer.connect(victim.address(), SimKeys.key("attacker"), receiveBuffer);
    raws.add(raw);
    return raw;
  }

  /** An attacker that completed a real handshake (at genesis, weight 0). */
  RawTcpPeer established() throws IOException {
    RawTcpPeer raw = attacker();
    raw.handshake(raw.hello(victim.node));
    assertThat(Await.within(WAIT, () -> victim.net.peers().size() == 2)).isTrue();
    return raw;
  }

  static byte[] lengthPrefix(long length) {
    return ByteBuffer.allocate(4).putInt((int) length).array();
  }

  static byte[] concat(byte[]... parts) {
    ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  // ---- what every test checks ------------------------------------------------------------------

  void assertByeAndClosed(RawTcpPeer raw, ByeReason reason, String text) {
    assertThat(raw.awaitClosed(WAIT)).as("closed by the node").isTrue();
    Optional<Bye> bye = raw.bye();
    assertThat(bye).as("BYE, got %s", raw.messages()).isPresent();
    assertThat(bye.get().reason()).contains(reason);
    assertThat(bye.get().text()).contains(text);
  }

  /**
   * The attacker's node id is refused (its next connection gets {@code BYE 4} once its {@code HEL}
   * names it), while its address is only discouraged: a node with another key on the same host
   * completes a handshake.
   */
  void assertRefusedAndDiscouraged() throws IOException {
    RawTcpPeer again = attacker();
    again.send(again.hello(victim.node));
    assertByeAndClosed(again, ByeReason.MISBEHAVIOUR, "node id refused");
    assertThat(again.messages(io.ccoin.net.internal.protocol.Auth.class)).isEmpty();
    assertThat(victim.net.discouraged()).containsKey("127.0.0.1");
    RawTcpPeer neighbour = RawTcpPeer.connect(victim.address(), SimKeys.key("neighbour-" + raws.size()));
    raws.add(neighbour);
    neighbour.handshake(neighbour.hello(victim.node));
    assertThat(Await.within(WAIT, () -> victim.net.peers().size() == 2)).as("the neighbour is accepted").isTrue();
    neighbour.close();
    assertThat(Await.within(WAIT, () -> victim.net.peers().size() == 1)).isTrue();
  }

  /** Not banned: the same host can still complete a handshake. */
  void assertNotRefused() throws IOException {
    RawTcpPeer again = established();
    again.close();
    assertThat(Await.within(WAIT, () -> victim.net.peers().size() == 1)).isTrue();
  }

  /**
   * The validator goes on mining, the follower goes on following it, the network is ready with the
   * follower as a peer, and every block on both chains is the validator's.
   */
  void assertStillServing() {
    long at = victim.height();
    assertThat(Await.within(WAIT, () -> victim.height() >= at + 2)).as("the validator mines on from #%d", at).isTrue();
    assertThat(Await.within(WAIT, () -> honest.height() >= at + 2)).as("the follower follows").isTrue();
    assertThat(Await.within(WAIT, () -> victim.net.isReady(1))).as("ready").isTrue();
    NodeId honestId = honest.net.nodeId();
    assertThat(victim.net.peers()).extracting(PeerInfo::nodeId).contains(honestId);
    long common = Math.min(victim.height(), honest.height());
    for (long n = 1; n <= common; n++) {
      StoredBlock v = victim.node.block(n).orElseThrow();
      assertThat(v.block().header().miner()).isEqualTo(MINER.address());
      assertThat(honest.node.block(n).orElseThrow().hash()).isEqualTo(v.hash());
    }
    for (Hash h : attackerBlocks) {
      assertThat(victim.node.block(h)).isEmpty();
      assertThat(honest.node.block(h)).isEmpty();
    }
  }

  // ---- framing ---------------------------------------------------------------------------------

  @Test
  void aFrameOverMaxFrameAfterTheHandshakeIsCutOffAndTheSenderRefused() throws Exception {
    start();
    RawTcpPeer raw = established();
    raw.write(concat(lengthPrefix(Frame.MAX_FRAME + 1L), "TXS".getBytes(StandardCharsets.US_ASCII), new byte[1000]));
    assertThat(raw.awaitClosed(WAIT)).isTrue();
    assertThat(victim.closeReason(raw.localPort(), WAIT)).hasValueSatisfying(r -> assertThat(r)
        .startsWith(Protocol.FRAMING_VIOLATION).contains(Long.toString(Frame.MAX_FRAME + 1L)));
    assertRefusedAndDiscouraged();
    assertStillServing();
  }

  @Test
  void aFrameAnnouncing4GiBIsRefusedBeforeAnyAllocation() throws Exception {
    start();
    byte[] fourGiB = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'H', 'E', 'L'};
    // before the handshake: closed, not scored (like an undecodable frame, docs/P2P.md)
    RawTcpPeer early = attacker();
    early.write(fourGiB);
    assertThat(early.awaitClosed(WAIT)).isTrue();
    assertThat(victim.closeReason(early.localPort(), WAIT)).hasValueSatisfying(r -> assertThat(r).contains("4294967295"));
    assertNotRefused();
    // after the handshake: closed, the node id refused and the address discouraged
    RawTcpPeer late = established();
    late.write(fourGiB);
    assertThat(late.awaitClosed(WAIT)).isTrue();
    assertRefusedAndDiscouraged();
    assertStillServing();
  }

  @Test
  void garbageBytesAreCutOffAndAnUndecodableFrameGetsTheSenderRefused() throws Exception {
    start();
    RawTcpPeer http = attacker();
    http.write("GET /peers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(http.awaitClosed(WAIT)).isTrue();
    assertThat(http.messages(Auth.class)).isEmpty();
    assertNotRefused();

    RawTcpPeer raw = established();
    byte[] junk = new byte[200];
    new Random(7).nextBytes(junk);
    raw.send(new Frame("TXS", Bytes.of(junk)));
    assertByeAndClosed(raw, ByeReason.MISBEHAVIOUR, "malformed_frame");
    assertRefusedAndDiscouraged();
    assertStillServing();
  }

  @Test
  void aValidFrameWithAnUnknownHeaderEndsTheHandshakeOrGetsTheSenderRefused() throws Exception {
    start();
    Frame xyz = new Frame("XYZ", Bytes.of((byte) 0x90));
    RawTcpPeer early = attacker();
    early.send(xyz);
    assertByeAndClosed(early, ByeReason.BAD_HANDSHAKE, "unknown header 'XYZ'");
    assertNotRefused();

    RawTcpPeer raw = established();
    raw.send(xyz);
    assertByeAndClosed(raw, ByeReason.MISBEHAVIOUR, "unknown header 'XYZ'");
    assertRefusedAndDiscouraged();
    assertStillServing();
  }

  // ---- the handshake ---------------------------------------------------------------------------

  @Test
  void aMessageBeforeHelloEndsTheConnectionWithBye6() throws Exception {
    start();
    RawTcpPeer raw = attacker();
    raw.send(new Ping(1));
    assertByeAndClosed(raw, ByeReason.BAD_HANDSHAKE, "expected HEL first");
    assertThat(raw.messages(Pong.class)).isEmpty();
    RawTcpPeer txsFirst = attacker();
    txsFirst.send(new Transactions(List.of()));
    assertByeAndClosed(txsFirst, ByeReason.BAD_HANDSHAKE, "expected HEL first, got TXS");
    assertThat(victim.net.peers()).hasSize(1);
    assertStillServing();
  }

  @Test
  void aHelloForAnotherNetworkGetsBye1() throws Exception {
    start();
    Hash genesis = victim.node.genesis().hash();
    RawTcpPeer otherChain = attacker();
    otherChain.send(otherChain.hello(TcpTestNode.NETWORK_ID + 1, genesis, 0, genesis, 0));
    assertByeAndClosed(otherChain, ByeReason.WRONG_NETWORK, "chain id");
    RawTcpPeer otherGenesis = attacker();
    Hash fake = Hash.of(new byte[32]);
    otherGenesis.send(otherGenesis.hello(TcpTestNode.NETWORK_ID, fake, 0, fake, 0));
    assertByeAndClosed(otherGenesis, ByeReason.WRONG_NETWORK, "genesis");
    assertThat(otherGenesis.messages(Auth.class)).isEmpty();
    assertThat(victim.net.peers()).hasSize(1);
    assertStillServing();
  }

  @Test
  void anAuthThatDoesNotVerifyGetsBye6() throws Exception {
    start();
    // signed by another key than the one in HEL
    RawTcpPeer impostor = attacker();
    Hello mine = impostor.hello(victim.node);
    Bytes theirs = impostor.sendHello(mine);
    impostor.send(HandshakeProof.sign(ALICE, Protocol.ROLE_DIALER, MessageCodec.encode(mine).body(), theirs));
    assertByeAndClosed(impostor, ByeReason.BAD_HANDSHAKE, "bad AUT");
    // the right key, the wrong role (a reflected or relayed signature)
    RawTcpPeer reflector = attacker();
    Hello again = reflector.hello(victim.node);
    Bytes theirs2 = reflector.sendHello(again);
    reflector.send(HandshakeProof.sign(reflector.key, Protocol.ROLE_LISTENER, MessageCodec.encode(again).body(), theirs2));
    assertByeAndClosed(reflector, ByeReason.BAD_HANDSHAKE, "bad AUT");
    // garbage of the right length
    RawTcpPeer garbage = attacker();
    garbage.sendHello(garbage.hello(victim.node));
    garbage.send(new Auth(Bytes.of(new byte[256])));
    assertByeAndClosed(garbage, ByeReason.BAD_HANDSHAKE, "bad AUT");
    assertThat(victim.net.peers()).hasSize(1);
    assertStillServing();
  }

  // ---- chains and blocks -----------------------------------------------------------------------

  @Test
  void aPeerAdvertisingAHugeWeightAndServingNothingLosesItsClaimWhileTheValidatorMinesOn() throws Exception {
    start();
    long before = victim.height();
    Hash nowhere = Hash.of(new byte[32]);
    // one never answers
    RawTcpPeer silent = attacker();
    silent.handshake(silent.hello(TcpTestNode.NETWORK_ID, victim.node.genesis().hash(), 1_000_000, nowhere, 1L << 50));
    silent.await(GetBlocks.class, WAIT);
    // one answers every request with nothing
    RawTcpPeer empty = RawTcpPeer.connect(victim.address(), SimKeys.key("attacker2"), 0);
    raws.add(empty);
    empty.handshake(empty.hello(TcpTestNode.NETWORK_ID, victim.node.genesis().hash(), 1_000_000, nowhere, 1L << 51));
    GetBlocks gbl = empty.await(GetBlocks.class, WAIT);
    empty.send(new Blocks(gbl.requestId(), List.of()));

    // both lose their claim (the silent one after the 1 s request timeout): synced and ready again
    assertThat(Await.within(WAIT, () -> victim.net.isReady(1) && victim.net.peers().size() == 3)).isTrue();
    long readyAt = victim.height();
    // It stays ready while the validator mines two more blocks: a window set by the chain's own
    // progress rather than by a sleep, looked at on every poll.
    java.util.concurrent.atomic.AtomicInteger notReady = new java.util.concurrent.atomic.AtomicInteger();
    Await.until("two more blocks", WAIT, () -> {
      if (!victim.net.isReady(3)) {
        notReady.incrementAndGet();
      }
      return victim.height() >= readyAt + 2;
    });
    assertThat(notReady).as("polls that found the node not ready").hasValue(0);
    assertThat(readyAt).as("the validator mined while it tried to sync").isGreaterThan(before);
    assertThat(silent.messages(GetBlocks.class)).hasSize(1);
    assertThat(empty.messages(GetBlocks.class)).hasSize(1);
    assertThat(silent.bye()).isEmpty();
    assertThat(empty.bye()).isEmpty();
    assertStillServing();
  }

  /** A block on the victim's head with {@code miner} as its miner, sealed by {@code miner}. */
  Block blockBy(AccountKey miner) {
    StoredBlock head = victim.node.head().stored();
    BlockHeader p = head.block().header();
    BlockHeader h = new BlockHeader(BlockHeader.VERSION, p.chainId(), p.number() + 1, head.hash(),
        Math.max(System.currentTimeMillis(), p.timestamp() + 200), miner.address(), p.txRoot(), p.stateRoot(),
        p.difficulty(), p.data(), 0);
    Block b = ChainFixture.seal(h, List.of(), miner);
    attackerBlocks.add(Hashes.blockHash(b.sealedHeader()));
    return b;
  }

  @Test
  void aBlockSignedByANonMinerIsRefusedAndItsSenderRefused() throws Exception {
    start();
    RawTcpPeer raw = established();
    raw.send(new NewBlock(blockBy(ALICE)));
    assertByeAndClosed(raw, ByeReason.MISBEHAVIOUR, "invalid_block");
    assertThat(raw.bye().get().text()).contains("not an authority");
    assertRefusedAndDiscouraged();
    assertStillServing();
  }

  @Test
  void blsAnswersNobodyAskedForAreIgnored() throws Exception {
    start();
    RawTcpPeer raw = established();
    Block valid = victim.node.block(1).orElseThrow().block();
    raw.send(new Blocks(0, List.of()));
    raw.send(new Blocks(12_345, List.of(valid, blockBy(ALICE))));
    raw.send(new Blocks(Long.MAX_VALUE, List.of(blockBy(ALICE))));
    raw.send(new Ping(77));
    assertThat(raw.await(Pong.class, WAIT).nonce()).isEqualTo(77);
    assertThat(raw.bye()).isEmpty();
    assertThat(raw.isClosed()).isFalse();
    assertThat(victim.net.peers()).hasSize(2);
    assertStillServing();
  }

  // ---- floods ----------------------------------------------------------------------------------

  @Test
  void aFloodOf10000InvalidTransactionsGetsTheSenderRefusedQuickly() throws Exception {
    start();
    RawTcpPeer raw = established();
    Random random = new Random(11);
    List<Frame> frames = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        byte[] sig = new byte[256];
        random.nextBytes(sig);
        byte[] to = new byte[Address.SIZE];
        random.nextBytes(to);
        txs.add(new Transaction(TcpTestNode.NETWORK_ID, f * 1000L + i, Address.of(to), 1, 1, Bytes.EMPTY, ALICE.publicKey(),
            Bytes.of(sig)));
      }
      frames.add(MessageCodec.encode(new Transactions(txs)));
    }
    long t0 = System.nanoTime();
    for (Frame f : frames) {
      if (!raw.send(f)) {
        break; // the node closed the connection already
      }
    }
    assertByeAndClosed(raw, ByeReason.MISBEHAVIOUR, "invalid_transaction");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took).as("banned within").isLessThan(Duration.ofSeconds(5));
    assertThat(NodeAccess.pool(victim.node).size()).isZero();
    assertRefusedAndDiscouraged();
    assertStillServing();

    // the node still takes honest transactions: one sent to the follower is mined by the validator
    Transaction tx = TransactionBuilder.forNetwork(TcpTestNode.NETWORK_ID, victim.node.genesis().hash()).nonce(0)
        .to(MINER.address()).value(5).fee(1).sign(ALICE);
    AddResult added = honest.node.submit(tx);
    assertThat(added.status()).isEqualTo(AddResult.Status.ADDED);
    assertThat(Await.within(WAIT, () -> honest.node.transaction(added.hash())
        .map(t -> t.status() == TransactionInfo.Status.CONFIRMED).orElse(false))).isTrue();
  }

  @Test
  void aPeerSendingFasterThanTheNodeHandlesItsFramesIsCutOffAtTheInboundBacklog() throws Exception {
    start();
    RawTcpPeer raw = established();
    // an announcement of a block the node has is no offence, but a stream of them at loopback speed
    // used to pile up in the network thread's queue without bound (800 MB of heap in 4 s)
    byte[] one = RawTcpPeer.wire(MessageCodec.encode(new NewBlock(victim.node.block(1).orElseThrow().block())));
    java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 500; i++) {
      chunk.write(one);
    }
    byte[] bytes = chunk.toByteArray();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    long sent = 0;
    while (System.nanoTime() < deadline && raw.write(bytes)) {
      sent += bytes.length;
    }
    assertThat(raw.awaitClosed(WAIT)).as("closed after %d MB", sent >> 20).isTrue();
    assertThat(victim.closeReason(raw.localPort(), WAIT)).hasValueSatisfying(r -> assertThat(r)
        .startsWith(NetworkService.INBOUND_BACKLOG).contains(Long.toString(CONFIG.inboundBacklogBytes())));
    assertNotRefused();
    assertStillServing();
  }

  @Test
  void aPeerThatStopsReadingIsCutOffByTheTransportWithItsQueueBounded() throws Exception {
    start(t -> t.sendBufferBytes(1 << 20).writeStallTimeout(Duration.ofSeconds(2)));
    // a block of 40 transactions of 4 KB each: every GBL from genesis is answered with about 190 KB
    List<Transaction> fat = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fat.add(TransactionBuilder.forNetwork(TcpTestNode.NETWORK_ID, victim.node.genesis().hash()).nonce(i)
          .to(MINER.address()).value(1).fee(1).data(Bytes.of(new byte[4096])).sign(ALICE));
    }
    assertThat(victim.node.submitAll(fat)).allMatch(r -> r.status() == AddResult.Status.ADDED);
    assertThat(Await.within(WAIT, () -> NodeAccess.pool(victim.node).size() == 0)).isTrue();

    RawTcpPeer raw = attacker(4096);
    raw.handshake(raw.hello(victim.node));
    raw.stopReading();
    Hash genesis = victim.node.genesis().hash();
    for (int i = 0; i < 20; i++) { // the answering limit: no offence
      raw.send(new GetBlocks(i, List.of(genesis), 512));
    }
    // what waits for the peer is bounded by the send buffer cap (1 MiB here); a queue that stays
    // above half of it for the stall timeout (2 s here) is closed too, even below the cap
    Optional<String> reason = victim.closeReason(raw.localPort(), WAIT);
    assertThat(reason).hasValueSatisfying(r -> assertThat(r).containsAnyOf("send buffer full", "peer stopped reading"));
    assertThat(raw.awaitClosed(WAIT)).isTrue();
    assertThat(Await.within(WAIT, () -> victim.net.peers().size() == 1)).isTrue();
    assertNotRefused();
    assertStillServing();
  }
}
