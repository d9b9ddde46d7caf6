package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.api.PeerConnection;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.internal.protocol.HandshakeProof;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.NodeId;
import io.ccoin.net.internal.protocol.Ping;
import io.ccoin.net.internal.protocol.Pong;
import io.ccoin.net.internal.protocol.Protocol;
import io.ccoin.net.sim.RawPeer;
import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import io.ccoin.net.sim.SimKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SPEC 9 handshake, driven by a scripted peer against a real {@link NetworkService} in virtual time. */
class HandshakeTest {
  SimCluster c;
  SimNode n;
  RawPeer raw;

  @BeforeEach
  void setUp() {
    c = new SimCluster(3);
    n = c.plain("n");
    c.start(n);
    raw = new RawPeer(c, "raw", SimKeys.key("raw"));
  }

  @AfterEach
  void tearDown() {
    c.close();
    assertThat(c.scheduler.failures()).isEmpty();
  }

  Bytes theirHelloBody(PeerConnection conn) {
    return raw.frames(conn).stream().filter(f -> f.header().equals(Hello.HEADER)).findFirst().orElseThrow().body();
  }

  void assertBye(PeerConnection conn, ByeReason reason, String text) {
    c.runFor(Duration.ofSeconds(1));
    assertThat(raw.bye(conn)).as("BYE on %s, got %s", conn, raw.messages(conn)).isPresent();
    assertThat(raw.bye(conn).get().reason()).contains(reason);
    assertThat(raw.bye(conn).get().text()).contains(text);
    assertThat(raw.isClosed(conn)).isTrue();
    assertThat(n.net().peers()).isEmpty();
  }

  @Test
  void aCorrectHandshakeEstablishesAnAuthenticatedPeer() {
    Hello mine = raw.hello();
    PeerConnection conn = raw.handshake(n.address(), mine);
    assertThat(raw.messages(conn)).extracting(m -> m.header()).containsExactly("HEL", "AUT");
    Hello theirs = raw.messages(conn, Hello.class).get(0);
    assertThat(theirs.chainId()).isEqualTo(SimCluster.NETWORK_ID);
    assertThat(theirs.genesisHash()).isEqualTo(c.genesisBlock.hash());
    assertThat(theirs.challenge().size()).isEqualTo(32);
    assertThat(NodeId.ofKey(theirs.nodeKey())).isEqualTo(n.net().nodeId());
    Auth auth = raw.messages(conn, Auth.class).get(0);
    assertThat(HandshakeProof.verify(theirs.nodeKey(), auth, Protocol.ROLE_LISTENER, MessageCodec.encode(mine).body(), theirHelloBody(conn)))
        .isTrue();
    assertThat(n.net().peers()).singleElement().satisfies(p -> {
      assertThat(p.nodeId()).isEqualTo(NodeId.ofKey(raw.key.publicKey()));
      assertThat(p.direction()).isEqualTo(PeerConnection.Direction.INBOUND);
      assertThat(p.agent()).isEqualTo("raw");
      assertThat(p.address().getHostString()).isEqualTo("raw");
      assertThat(p.address().getPort()).isEqualTo(SimCluster.PORT);
    });
  }

  @Test
  void anythingButHelFirstIsABadHandshake() {
    PeerConnection conn = raw.dial(n.address());
    raw.send(conn, new Ping(1));
    assertBye(conn, ByeReason.BAD_HANDSHAKE, "expected HEL first, got PIN");
  }

  @Test
  void anUndecodableHelIsABadHandshake() {
    PeerConnection conn = raw.dial(n.address());
    conn.send(new Frame("HEL", Bytes.of((byte) 0x91, (byte) 0x01)));
    assertBye(conn, ByeReason.BAD_HANDSHAKE, "HEL does not decode");
  }

  @Test
  void aHelThatEchoesOurChallengeIsABadHandshake() {
    PeerConnection conn = raw.dial(n.address());
    Hello theirs = raw.await(conn, Hello.class, Duration.ofSeconds(5));
    Hello mine = raw.hello();
    raw.send(conn, new Hello(mine.version(), mine.chainId(), mine.genesisHash(), 0, mine.headHash(), 0, mine.nodeKey(),
        theirs.challenge(), mine.listenPort(), mine.agent()));
    assertBye(conn, ByeReason.BAD_HANDSHAKE, "echoes our challenge");
  }

  @Test
  void anAutInTheWrongRoleIsABadHandshake() {
    PeerConnection conn = raw.dial(n.address());
    Frame mine = MessageCodec.encode(raw.hello());
    conn.send(mine);
    raw.await(conn, Hello.class, Duration.ofSeconds(5));
    raw.send(conn, HandshakeProof.sign(raw.key, Protocol.ROLE_LISTENER, mine.body(), theirHelloBody(conn)));
    assertBye(conn, ByeReason.BAD_HANDSHAKE, "bad AUT");
  }

  @Test
  void anAutFromAnotherConnectionCannotBeReplayed() {
    PeerConnection first = raw.handshake(n.address());
    Frame firstHello = raw.frames(first).get(0);
    Bytes firstMine = MessageCodec.encode(raw.hello()).body();
    assertThat(firstHello.header()).isEqualTo("HEL");
    Auth replayed = HandshakeProof.sign(raw.key, Protocol.ROLE_DIALER, firstMine, firstHello.body());
    first.close("done");
    c.runFor(Duration.ofSeconds(1));
    PeerConnection second = raw.dial(n.address());
    raw.send(second, raw.hello());
    raw.await(second, Hello.class, Duration.ofSeconds(5));
    raw.send(second, replayed);
    assertBye(second, ByeReason.BAD_HANDSHAKE, "bad AUT");
  }

  @Test
  void anAutSignedByAnotherKeyIsABadHandshake() {
    PeerConnection conn = raw.dial(n.address());
    Frame mine = MessageCodec.encode(raw.hello());
    conn.send(mine);
    raw.await(conn, Hello.class, Duration.ofSeconds(5));
    raw.send(conn, HandshakeProof.sign(SimKeys.key("mallory"), Protocol.ROLE_DIALER, mine.body(), theirHelloBody(conn)));
    assertBye(conn, ByeReason.BAD_HANDSHAKE, "bad AUT");
  }

  @Test
  void aHandshakeNotDoneInTenSecondsEnds() {
    PeerConnection conn = raw.dial(n.address());
    raw.send(conn, raw.hello());
    c.runFor(Duration.ofMillis(9_800));
    assertThat(raw.isClosed(conn)).isFalse();
    c.runFor(Duration.ofMillis(400));
    assertThat(raw.bye(conn).flatMap(b -> b.reason())).contains(ByeReason.BAD_HANDSHAKE);
    assertThat(raw.bye(conn).get().text()).contains("handshake not done");
    assertThat(raw.isClosed(conn)).isTrue();
  }

  @Test
  void anotherNetworkGetsBye1() {
    Hello ok = raw.hello();
    Hello otherChain = new Hello(1, 8, ok.genesisHash(), 0, ok.headHash(), 0, ok.nodeKey(), ok.challenge(), ok.listenPort(), "x");
    Hello otherGenesis = new Hello(1, ok.chainId(), Hash.ZERO, 0, ok.headHash(), 0, ok.nodeKey(), ok.challenge(), ok.listenPort(), "x");
    Hello otherVersion = new Hello(2, ok.chainId(), ok.genesisHash(), 0, ok.headHash(), 0, ok.nodeKey(), ok.challenge(), ok.listenPort(), "x");
    String[] texts = {"chain id 8", "genesis", "protocol version 2"};
    Hello[] hellos = {otherChain, otherGenesis, otherVersion};
    for (int i = 0; i < hellos.length; i++) {
      PeerConnection conn = raw.dial(n.address());
      raw.send(conn, hellos[i]);
      assertBye(conn, ByeReason.WRONG_NETWORK, texts[i]);
    }
  }

  @Test
  void aNodeKeyThatIsNotCanonicalIsABadHandshake() {
    byte[] key = raw.key.publicKey().toArray();
    key[key.length - 1] ^= 1; // exponent 65536: not the canonical form
    Hello ok = raw.hello();
    PeerConnection conn = raw.dial(n.address());
    raw.send(conn, new Hello(1, ok.chainId(), ok.genesisHash(), 0, ok.headHash(), 0, Bytes.of(key), ok.challenge(), ok.listenPort(), "x"));
    assertBye(conn, ByeReason.BAD_HANDSHAKE, "node key");
  }

  @Test
  void aConnectionToItselfIsClosedAndNotRedialed() {
    CompletableFuture<PeerInfo> f = n.net().connect(n.address());
    c.runFor(Duration.ofSeconds(2));
    assertThat(f).isCompletedExceptionally();
    assertThat(n.net().peers()).isEmpty();
    long sent = c.network.framesSent();
    c.runFor(Duration.ofSeconds(120));
    assertThat(n.transport().connections()).isEmpty();
    assertThat(c.network.framesSent()).isEqualTo(sent);
  }

  @Test
  void ofTwoConnectionsBetweenAPairTheOneDialedByTheLowerIdStays() {
    SimNode a = c.add("a", null, false);
    SimNode b = c.add("b", null, false);
    c.start(a, b);
    a.net().connect(b.address());
    b.net().connect(a.address());
    c.runFor(Duration.ofSeconds(5));
    assertThat(a.net().peers()).hasSize(1);
    assertThat(b.net().peers()).hasSize(1);
    boolean aLower = a.net().nodeId().compareTo(b.net().nodeId()) < 0;
    assertThat(a.net().peers().get(0).direction()).isEqualTo(aLower ? PeerConnection.Direction.OUTBOUND : PeerConnection.Direction.INBOUND);
    assertThat(b.net().peers().get(0).direction()).isEqualTo(aLower ? PeerConnection.Direction.INBOUND : PeerConnection.Direction.OUTBOUND);
    c.runFor(Duration.ofSeconds(60));
    assertThat(a.net().peers()).hasSize(1);
    assertThat(a.transport().connections()).hasSize(1);
  }

  @Test
  void beyondMaxPeersANewConnectionGetsBye2() {
    SimCluster small = new SimCluster(4).config(NetworkConfig.builder().maxPeers(1).build());
    try {
      SimNode only = small.plain("only");
      small.start(only);
      RawPeer first = new RawPeer(small, "r1", SimKeys.key("r1"));
      RawPeer second = new RawPeer(small, "r2", SimKeys.key("r2"));
      first.handshake(only.address());
      PeerConnection conn = second.dial(only.address());
      small.runFor(Duration.ofSeconds(1));
      assertThat(second.bye(conn).flatMap(b -> b.reason())).contains(ByeReason.TOO_MANY_PEERS);
      assertThat(second.isClosed(conn)).isTrue();
      assertThat(only.net().peers()).hasSize(1);
    } finally {
      small.close();
    }
  }

  @Test
  void keepalivePingsEveryTwentySecondsAndASilentPeerIsClosedAfterSixty() {
    PeerConnection conn = raw.handshake(n.address());
    raw.send(conn, new Ping(42));
    assertThat(raw.await(conn, Pong.class, Duration.ofSeconds(1)).nonce()).isEqualTo(42);
    c.runFor(Duration.ofSeconds(21));
    assertThat(raw.messages(conn, Ping.class)).hasSize(1);
    c.runFor(Duration.ofSeconds(20));
    assertThat(raw.messages(conn, Ping.class)).hasSize(2);
    assertThat(raw.isClosed(conn)).isFalse();
    c.runFor(Duration.ofSeconds(20));
    assertThat(raw.isClosed(conn)).isTrue();
    assertThat(n.net().peers()).isEmpty();
  }

  @Test
  void challengesAreFreshPerConnection() {
    PeerConnection one = raw.dial(n.address());
    PeerConnection two = raw.dial(n.address());
    Hello h1 = raw.await(one, Hello.class, Duration.ofSeconds(2));
    Hello h2 = raw.await(two, Hello.class, Duration.ofSeconds(2));
    assertThat(Arrays.equals(h1.challenge().toArray(), h2.challenge().toArray())).isFalse();
  }
}
