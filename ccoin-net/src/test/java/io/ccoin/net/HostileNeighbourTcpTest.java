package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.TcpConvergenceTest.KeptStore;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.internal.protocol.Transactions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17, defect 1, over real TCP on 127.0.0.1 (where every node of a devnet shares one address):
 * three validators are connected; a hostile local process with a fresh RSA node key sends two of
 * them one oversize frame, or a {@code TXS} of bad signatures; then the third validator is
 * stopped and restarted on its store (on a new port), and later a victim too. Before SPEC 9 said
 * "discourage", each victim banned 127.0.0.1 for 10 minutes, inbound and outbound, and the
 * restarted validators never got back in: the network split. Now the victims refuse only the
 * hostile node id and discourage the address, the restarted validators reconnect, and all three
 * agree on one chain that grows.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileNeighbourTcpTest {
  static final List<AccountKey> VALIDATORS = List.of(TestKeys.vector(0), TestKeys.vector(1), TestKeys.vector(2));
  static final AccountKey RICH = io.ccoin.net.sim.SimKeys.key("rich");
  static final Genesis GENESIS = TcpTestNode.fastGenesis(VALIDATORS, RICH);
  static final Duration WAIT = Duration.ofSeconds(20);
  static final NetworkConfig BASE = NetworkConfig.builder().tick(Duration.ofMillis(100)).requestTimeout(Duration.ofSeconds(1))
      .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1)).build();

  final TcpTestNode[] nodes = new TcpTestNode[3];
  final KeptStore[] stores = {new KeptStore(), new KeptStore(), new KeptStore()};
  final List<RawTcpPeer> raws = new ArrayList<>();

  enum Attack {
    OVERSIZE_FRAME,
    BAD_SIGNATURES
  }

  @AfterEach
  void tearDown() {
    raws.forEach(RawTcpPeer::close);
    for (TcpTestNode n : nodes) {
      if (n != null) {
        n.close();
      }
    }
    for (KeptStore s : stores) {
      s.inner.close();
    }
  }

  /** Starts validator {@code i} on its store, bootstrapping to the others that run. */
  TcpTestNode startValidator(int i) {
    List<InetSocketAddress> boot = new ArrayList<>();
    for (int j = 0; j < nodes.length; j++) {
      if (j != i && nodes[j] != null) {
        boot.add(nodes[j].address());
      }
    }
    CcoinNode node = Ccoin.builder().genesis(GENESIS).validator(VALIDATORS.get(i)).store(stores[i]).build();
    node.start();
    nodes[i] = TcpTestNode.attach(node, io.ccoin.net.sim.SimKeys.key("validator-" + i), BASE.toBuilder().bootstrap(boot).build(), t -> t);
    return nodes[i];
  }

  void restart(int i) {
    nodes[i].close();
    nodes[i] = null;
    startValidator(i);
  }

  boolean allConnected() {
    for (TcpTestNode n : nodes) {
      if (n.net.peers().size() != 2) {
        return false;
      }
    }
    return true;
  }

  /** One chain on all three, at least {@code minHeight} high. */
  boolean converged(long minHeight) {
    Hash first = nodes[0].node.head().hash();
    for (TcpTestNode n : nodes) {
      if (!n.node.head().hash().equals(first) || n.height() < minHeight) {
        return false;
      }
    }
    return true;
  }

  /** A hostile process on this host: a fresh RSA node key, a real handshake, then one offence. */
  void attack(TcpTestNode victim, Attack attack) throws IOException {
    AccountKey fresh = AccountKey.generate(new SecureRandom());
    RawTcpPeer raw = RawTcpPeer.connect(victim.address(), fresh);
    raws.add(raw);
    raw.handshake(raw.hello(victim.node));
    switch (attack) {
      case OVERSIZE_FRAME -> raw.write(ByteBuffer.allocate(4 + 3 + 100).putInt(Frame.MAX_FRAME + 1)
          .put("TXS".getBytes(StandardCharsets.US_ASCII)).array());
      case BAD_SIGNATURES -> {
        Random random = new Random(5);
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          byte[] sig = new byte[256];
          random.nextBytes(sig);
          txs.add(new Transaction(TcpTestNode.NETWORK_ID, i, Address.of(new byte[Address.SIZE]), 1, 1, Bytes.EMPTY, RICH.publicKey(),
              Bytes.of(sig)));
        }
        raw.send(new Transactions(txs));
      }
    }
    assertThat(raw.awaitClosed(WAIT)).as("the hostile process is cut off").isTrue();
    if (attack == Attack.BAD_SIGNATURES) {
      assertThat(raw.bye().flatMap(b -> b.reason())).contains(ByeReason.MISBEHAVIOUR);
    }
    assertThat(Await.within(WAIT, () -> victim.net.discouraged().containsKey("127.0.0.1"))).isTrue();
    assertThat(victim.net.refusedNodeIds()).containsKey(io.ccoin.net.NodeId.ofKey(fresh.publicKey()).toHex());
    assertThat(victim.net.bans()).as("no automatic ban").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Attack.class)
  void validatorsRestartedAfterAHostileLocalProcessMisbehavedReconnectAndConverge(Attack attack) throws Exception {
    for (int i = 0; i < 3; i++) {
      startValidator(i);
    }
    assertThat(Await.within(WAIT, this::allConnected)).as("the three are connected").isTrue();
    assertThat(Await.within(WAIT, () -> converged(3))).isTrue();

    attack(nodes[0], attack);
    attack(nodes[1], attack);
    assertThat(nodes[0].net.peers()).as("discouraging the address disconnects nobody else").hasSize(2);

    // a validator restarts (new port): its bootstrap peers both discouraged 127.0.0.1, and take it back
    long before = nodes[2].height();
    restart(2);
    assertThat(Await.within(WAIT, this::allConnected)).as("the restarted validator is back with both").isTrue();
    assertThat(Await.within(WAIT, () -> converged(before + 5))).as("one chain, growing").isTrue();

    // a victim restarts too (it forgets its discouragements); the others discouraged 127.0.0.1 as well
    long later = nodes[0].height();
    restart(0);
    assertThat(Await.within(WAIT, this::allConnected)).as("the restarted victim is back with both").isTrue();
    assertThat(Await.within(WAIT, () -> converged(later + 5))).as("one chain, growing").isTrue();
    assertThat(nodes[1].net.discouraged()).containsKey("127.0.0.1");
    for (TcpTestNode n : nodes) {
      assertThat(Await.within(WAIT, () -> n.net.isReady(2))).as("%s ready", n.net.nodeId()).isTrue();
    }
  }
}
