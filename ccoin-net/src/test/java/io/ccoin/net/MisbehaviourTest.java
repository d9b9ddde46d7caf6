package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.NodeId;
import io.ccoin.net.sim.RawPeer;
import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import io.ccoin.net.sim.SimKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 9 misbehaviour and SPEC 11 operator bans, in virtual time (the ten minutes pass on the
 * simulator's clock): a misbehaving peer's node id is refused and its address only discouraged; a
 * discouraged address gets a free slot only and is evicted first; the node dials a discouraged
 * address only when it is a bootstrap peer; an operator's ban closes and refuses an address or
 * range both ways, bootstrap included, until it ends or is lifted.
 */
class MisbehaviourTest {
  static final ChainFixture FX = new ChainFixture();
  static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  SimCluster c = new SimCluster(11, FX.genesis.genesis());

  @AfterEach
  void tearDown() {
    c.close();
    assertThat(c.scheduler.failures()).isEmpty();
  }

  /** A raw peer on {@code host} that completes a handshake with {@code target} and sends an undecodable frame. */
  RawPeer misbehave(String host, int port, String keyName, SimNode target) {
    RawPeer bad = new RawPeer(c, host, port, SimKeys.key(keyName));
    PeerConnection conn = bad.handshake(target.address());
    conn.send(new Frame("TXS", Bytes.of((byte) 0x91, (byte) 0xcc, (byte) 0x01)));
    c.runFor(Duration.ofSeconds(1));
    assertThat(bad.bye(conn).flatMap(b -> b.reason())).contains(ByeReason.MISBEHAVIOUR);
    return bad;
  }

  static String idOf(RawPeer p) {
    return NodeId.ofKey(p.key.publicKey()).toHex();
  }

  @Test
  void theNodeIdIsRefusedAndTheAddressDiscouragedForTenMinutesThenBothAreForgotten() {
    SimNode n = c.add("n", null, List.of());
    c.start(n);
    RawPeer bad = misbehave("bad", SimCluster.PORT, "bad", n);
    assertThat(n.net().refusedNodeIds()).containsOnlyKeys(idOf(bad));
    assertThat(n.net().discouraged()).containsOnlyKeys("bad");
    long until = n.net().discouraged().get("bad").toEpochMilli();
    assertThat(until).as("10 minutes after the offence, which was within the last second").isBetween(c.scheduler.now() - 1_000 + 600_000,
        c.scheduler.now() + 600_000);
    assertThat(n.net().bans()).as("nothing is banned automatically").isEmpty();

    PeerConnection again = bad.dial(n.address());
    bad.send(again, bad.hello());
    c.runFor(Duration.ofSeconds(1));
    assertThat(bad.bye(again).map(b -> b.text())).contains("node id refused after misbehaviour");

    c.runFor(TEN_MINUTES);
    assertThat(n.net().refusedNodeIds()).isEmpty();
    assertThat(n.net().discouraged()).isEmpty();
    PeerConnection forgiven = bad.handshake(n.address());
    assertThat(bad.isClosed(forgiven)).isFalse();
  }

  @Test
  void aDiscouragedAddressGetsOnlyAFreeSlotAndItsInboundPeersAreEvictedFirst() {
    c.config(NetworkConfig.builder().maxPeers(2).build());
    SimNode n = c.add("n", null, List.of());
    c.start(n);
    misbehave("bad", SimCluster.PORT, "bad", n);

    RawPeer first = new RawPeer(c, "bad", SimCluster.PORT + 1, SimKeys.key("bad-1"));
    PeerConnection c1 = first.handshake(n.address());
    RawPeer second = new RawPeer(c, "bad", SimCluster.PORT + 2, SimKeys.key("bad-2"));
    PeerConnection c2 = second.handshake(n.address());
    assertThat(n.net().peers()).hasSize(2);

    RawPeer third = new RawPeer(c, "bad", SimCluster.PORT + 3, SimKeys.key("bad-3"));
    PeerConnection c3 = third.dial(n.address());
    c.runFor(Duration.ofSeconds(1));
    assertThat(third.bye(c3).flatMap(b -> b.reason())).as("no free slot for a discouraged address").contains(ByeReason.TOO_MANY_PEERS);
    assertThat(third.isClosed(c3)).isTrue();

    RawPeer good = new RawPeer(c, "good", SimCluster.PORT, SimKeys.key("good"));
    PeerConnection g = good.handshake(n.address());
    assertThat(good.isClosed(g)).isFalse();
    assertThat(second.bye(c2).flatMap(b -> b.reason())).as("the newest discouraged peer makes room").contains(ByeReason.TOO_MANY_PEERS);
    assertThat(second.isClosed(c2)).isTrue();
    assertThat(first.isClosed(c1)).isFalse();
    assertThat(n.net().peers()).extracting(p -> p.nodeId().toHex()).containsExactlyInAnyOrder(idOf(first), idOf(good));

    RawPeer good2 = new RawPeer(c, "good", SimCluster.PORT + 1, SimKeys.key("good-2"));
    good2.handshake(n.address());
    assertThat(first.isClosed(c1)).as("then the next one").isTrue();
    RawPeer good3 = new RawPeer(c, "good", SimCluster.PORT + 2, SimKeys.key("good-3"));
    PeerConnection g3 = good3.dial(n.address());
    c.runFor(Duration.ofSeconds(1));
    assertThat(good3.bye(g3).flatMap(b -> b.reason())).as("peers in good standing are never evicted").contains(ByeReason.TOO_MANY_PEERS);
  }

  @Test
  void aDiscouragedAddressIsDialedOnlyWhenItIsABootstrapPeer() {
    SimNode boot = c.add("h1", null, List.of());
    SimNode learned = c.add("h2", null, List.of());
    SimNode n = c.add("n", null, List.of(boot.address()));
    c.start(n, learned); // the bootstrap peer is not up yet: n keeps redialing it with backoff
    misbehave("h1", SimCluster.PORT + 1, "bad-1", n);
    misbehave("h2", SimCluster.PORT + 1, "bad-2", n);
    assertThat(n.net().discouraged()).containsOnlyKeys("h1", "h2");

    CompletableFuture<PeerInfo> refused = n.net().connect(learned.address());
    c.runFor(Duration.ofSeconds(1));
    assertThat(refused).isCompletedExceptionally();
    assertThat(refused.handle((p, e) -> e.getMessage()).join()).contains("discouraged");
    c.start(boot);
    assertThat(c.runUntil(() -> n.net().peers().size() == 1, Duration.ofMinutes(2))).as("the bootstrap peer is dialed").isTrue();
    assertThat(n.net().peers().get(0).nodeId()).isEqualTo(boot.net().nodeId());
    c.runFor(Duration.ofMinutes(2));
    assertThat(n.net().peers()).as("the discouraged static address is not redialed").hasSize(1);

    c.runFor(TEN_MINUTES);
    assertThat(c.runUntil(() -> n.net().peers().size() == 2, Duration.ofMinutes(2))).as("dialed once no longer discouraged").isTrue();
  }

  @Test
  void anOperatorBanClosesAndRefusesAnAddressBothWaysBootstrapIncludedUntilLifted() {
    SimNode k = c.add("10.0.0.3", null, List.of());
    SimNode n = c.add("10.0.0.1", null, List.of(k.address()));
    SimNode m = c.add("10.0.0.2", null, List.of(n.address()));
    c.start(k, n, m);
    assertThat(c.runUntil(() -> n.net().peers().size() == 2, Duration.ofSeconds(30))).isTrue();

    ManualBan ban = n.net().ban(IpRange.parse("10.0.0.2"), Duration.ofHours(1));
    assertThat(ban.until()).isEqualTo(java.time.Instant.ofEpochMilli(c.scheduler.now() + 3_600_000));
    c.runFor(Duration.ofMinutes(2)); // m redials its bootstrap peer n again and again
    assertThat(n.net().peers()).extracting(PeerInfo::nodeId).containsExactly(k.net().nodeId());
    assertThat(m.net().peers()).isEmpty();

    n.net().ban(IpRange.parse("10.0.0.0/30"), Duration.ofMinutes(30)); // k too, n's own bootstrap peer
    c.runFor(Duration.ofMinutes(2));
    assertThat(n.net().peers()).as("outbound to a banned bootstrap peer closed and not redialed").isEmpty();
    CompletableFuture<PeerInfo> dial = n.net().connect(k.address());
    c.runFor(Duration.ofSeconds(1));
    assertThat(dial.handle((p, e) -> e == null ? "connected" : e.getMessage()).join()).contains("is banned");
    assertThat(n.net().bans()).extracting(b -> b.range().toString()).containsExactly("10.0.0.0/30", "10.0.0.2");

    assertThat(n.net().unban(IpRange.parse("10.0.0.1/30"))).as("the same range, written with host bits").isTrue();
    assertThat(n.net().unban(IpRange.parse("10.0.0.0/30"))).isFalse();
    assertThat(c.runUntil(() -> n.net().peers().size() == 1, Duration.ofMinutes(2))).as("k is dialed again").isTrue();
    c.runFor(Duration.ofSeconds(30));
    assertThat(n.net().peers()).extracting(PeerInfo::nodeId).containsExactly(k.net().nodeId());

    n.net().unban(IpRange.parse("10.0.0.2"));
    assertThat(c.runUntil(() -> n.net().peers().size() == 2, Duration.ofMinutes(2))).as("m gets in again").isTrue();
    assertThat(n.net().bans()).isEmpty();
  }

  @Test
  void aBanEndsByItself() {
    SimNode n = c.add("10.0.0.1", null, List.of());
    SimNode m = c.add("10.0.0.2", null, List.of(n.address()));
    c.start(n, m);
    assertThat(c.runUntil(() -> n.net().peers().size() == 1, Duration.ofSeconds(30))).isTrue();
    n.net().ban(IpRange.parse("10.0.0.2"), Duration.ofSeconds(90));
    c.runFor(Duration.ofSeconds(80));
    assertThat(n.net().peers()).isEmpty();
    assertThat(c.runUntil(() -> n.net().peers().size() == 1, Duration.ofMinutes(2))).isTrue();
    assertThat(n.net().bans()).isEmpty();
  }
}
