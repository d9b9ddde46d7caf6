package io.ccoin.net.sim;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.Bye;
import io.ccoin.net.internal.protocol.HandshakeProof;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.Message;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.internal.protocol.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A scripted peer for protocol tests: a bare {@link SimTransport} that records every frame it gets
 * and sends whatever the test tells it, right or wrong.
 */
public final class RawPeer {
  private final SimCluster cluster;
  public final SimTransport transport;
  public final AccountKey key;
  private final Map<Long, List<Frame>> inbox = new LinkedHashMap<>();
  private final Map<Long, String> closed = new LinkedHashMap<>();
  private final List<PeerConnection> accepted = new ArrayList<>();
  private int challengeCounter;

  public RawPeer(SimCluster cluster, String host, AccountKey key) {
    this(cluster, host, SimCluster.PORT, key);
  }

  /** A raw peer listening on {@code host:port} (several may share a host on other ports). */
  public RawPeer(SimCluster cluster, String host, int port, AccountKey key) {
    this.cluster = cluster;
    this.key = key;
    this.transport = cluster.network.transport(host, port);
    transport.start(new PeerTransport.Listener() {
      @Override
      public void onOpened(PeerConnection c) {
        inbox.putIfAbsent(c.id(), new ArrayList<>());
        if (c.direction() == PeerConnection.Direction.INBOUND) {
          accepted.add(c);
        }
      }

      @Override
      public void onFrame(PeerConnection c, Frame f) {
        inbox.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(f);
      }

      @Override
      public void onClosed(PeerConnection c, String reason) {
        closed.put(c.id(), reason);
      }
    });
  }

  public PeerConnection dial(InetSocketAddress target) {
    CompletableFuture<PeerConnection> f = transport.connect(target);
    cluster.runUntil(f::isDone, Duration.ofSeconds(10));
    return f.join();
  }

  public List<PeerConnection> accepted() {
    return accepted;
  }

  public void send(PeerConnection c, Message m) {
    c.send(MessageCodec.encode(m));
  }

  public List<Frame> frames(PeerConnection c) {
    return inbox.getOrDefault(c.id(), List.of());
  }

  public List<Message> messages(PeerConnection c) {
    return frames(c).stream().map(MessageCodec::decode).toList();
  }

  public <T extends Message> List<T> messages(PeerConnection c, Class<T> type) {
    return messages(c).stream().filter(type::isInstance).map(type::cast).toList();
  }

  public Optional<Bye> bye(PeerConnection c) {
    return messages(c, Bye.class).stream().findFirst();
  }

  public boolean isClosed(PeerConnection c) {
    return closed.containsKey(c.id());
  }

  /** Waits (in virtual time) until a message of {@code type} arrived on {@code c}. */
  public <T extends Message> T await(PeerConnection c, Class<T> type, Duration max) {
    cluster.runUntil(() -> !messages(c, type).isEmpty(), max);
    List<T> got = messages(c, type);
    if (got.isEmpty()) {
      throw new AssertionError("no " + type.getSimpleName() + " on " + c + " within " + max + "; got " + messages(c));
    }
    return got.get(got.size() - 1);
  }

  /** A correct {@code HEL} for the cluster's network with a fresh challenge. */
  public Hello hello(long headNumber, Hash headHash, long totalWeight) {
    byte[] challenge = new byte[Protocol.CHALLENGE_SIZE];
    challenge[0] = (byte) ++challengeCounter;
    challenge[31] = 0x5a;
    return new Hello(Protocol.VERSION, cluster.networkId(), cluster.genesisBlock.hash(), headNumber, headHash, totalWeight,
        key.publicKey(), Bytes.of(challenge), SimCluster.PORT, "raw");
  }

  public Hello hello() {
    return hello(0, cluster.genesisBlock.hash(), 0);
  }

  /** Dials {@code target} and completes the handshake as the dialer with {@code ours}; returns the connection. */
  public PeerConnection handshake(InetSocketAddress target, Hello ours) {
    PeerConnection c = dial(target);
    Frame mine = MessageCodec.encode(ours);
    c.send(mine);
    Hello theirs = await(c, Hello.class, Duration.ofSeconds(5));
    Bytes theirBody = frames(c).stream().filter(f -> f.header().equals(Hello.HEADER)).findFirst().orElseThrow().body();
    send(c, HandshakeProof.sign(key, Protocol.ROLE_DIALER, mine.body(), theirBody));
    await(c, Auth.class, Duration.ofSeconds(5));
    cluster.runFor(Duration.ofMillis(100));
    if (theirs == null || isClosed(c)) {
      throw new AssertionError("handshake failed: " + messages(c));
    }
    return c;
  }

  public PeerConnection handshake(InetSocketAddress target) {
    return handshake(target, hello());
  }
}
