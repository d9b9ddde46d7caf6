package io.ccoin.net.internal.peer;

import io.ccoin.core.Head;
import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.internal.chain.ChainHead;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.NetworkConfig;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.Bye;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.MalformedMessageException;
import io.ccoin.net.internal.protocol.Message;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.NodeId;
import io.ccoin.net.internal.protocol.Ping;
import io.ccoin.net.internal.protocol.Pong;
import io.ccoin.net.internal.protocol.Protocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the connections (SPEC 9): runs the handshake on each new one, keeps established ones alive
 * with {@code PIN}/{@code PON} and closes silent ones, enforces {@code max_peers}, resolves
 * duplicate connections, scores misbehaviour, and dials the address book with backoff.
 * Established peers' other messages go to the {@link PeerListener}.
 *
 * <p><b>Misbehaviour</b> (SPEC 9): a peer whose score reaches {@link Offence#BAN_SCORE} is
 * disconnected, its node id is refused and its address is <em>discouraged</em> for
 * {@link NetworkConfig#discourageMs()}; an address is never banned automatically, since many honest
 * nodes can share one (a host, a NAT). A connection from a discouraged address is accepted only while
 * a slot is free, and such inbound connections are the first evicted when one is needed; a
 * discouraged address is not dialed unless it is a configured bootstrap peer. Only
 * {@link ManualBans}, set by an operator, refuse an address outright, both ways.
 *
 * <p>Confined to the network thread: every method must be called on it.
 */
public final class PeerManager {
  private static final Logger LOG = LoggerFactory.getLogger(PeerManager.class);

  private final NetworkConfig config;
  private final CcoinNode node;
  private final PeerTransport transport;
  private final NetworkThread loop;
  private final Clock clock;
  private final Random random;
  private final Handshake handshake;
  private final PeerStanding standing;
  private final AddressBook book;
  private final Map<Long, Peer> peers = new LinkedHashMap<>();
  private final Map<Long, InetSocketAddress> dialed = new HashMap<>();
  private final Map<Long, CompletableFuture<Peer>> awaiting = new HashMap<>();
  private final Set<String> dialing = new HashSet<>();
  private PeerListener listener;
  private boolean running;

  public PeerManager(NetworkConfig config, CcoinNode node, PeerTransport transport, AccountKey nodeKey,
      NetworkThread loop, Clock clock, Random random) {
    this.config = config;
    this.node = node;
    this.transport = transport;
    this.loop = loop;
    this.clock = clock;
    this.random = random;
    this.handshake = new Handshake(nodeKey, node.params().networkId(), node.genesis().hash(), random);
    this.standing = new PeerStanding(config.discourageMs());
    this.book = new AddressBook(config.minBackoffMs(), config.maxBackoffMs(), config.addressBookSize());
  }

  /** This node's id. */
  public NodeId self() {
    return handshake.self();
  }

  public AddressBook addressBook() {
    return book;
  }

  /** Refused node ids, discouraged addresses and the operator's bans. */
  public PeerStanding standing() {
    return standing;
  }

  private static String hostOf(InetSocketAddress a) {
    return PeerStanding.hostOf(a);
  }

  /** Starts accepting the transport's events; the bootstrap peers are dialed by {@link #dialNow()}. */
  public void start(PeerListener l) {
    this.listener = l;
    this.running = true;
    config.bootstrap().forEach(book::addStatic);
    standing.bootstrap(config.bootstrap());
  }

  /** Dials due addresses now (after the transport started) rather than at the next tick. */
  public void dialNow() {
    if (running) {
      dialMore();
    }
  }

  /** Says {@code BYE 5} to every peer and closes every connection. */
  public void stop() {
    running = false;
    for (Peer p : new ArrayList<>(peers.values())) {
      disconnect(p, ByeReason.SHUTTING_DOWN, "shutting down");
    }
  }

  private long now() {
    return clock.millis();
  }

  // ---- queries ---------------------------------------------------------------------------------

  /** Established peers, in the order their connections opened. */
  public List<Peer> established() {
    List<Peer> out = new ArrayList<>();
    for (Peer p : peers.values()) {
      if (p.isEstablished()) {
        out.add(p);
      }
    }
    return out;
  }

  /** Every connection, handshaking ones included. */
  public int connectionCount() {
    return peers.size();
  }

  /** Connections not closed yet, handshaking ones included: what {@code max_peers} bounds. */
  private int liveConnections() {
    int n = 0;
    for (Peer p : peers.values()) {
      if (p.stage() != Peer.Stage.CLOSED) {
        n++;
      }
    }
    return n;
  }

  /** The newest inbound connection from a discouraged address: the first to evict when a slot is needed. */
  private Optional<Peer> discouragedInbound(long now) {
    Peer newest = null;
    for (Peer p : peers.values()) {
      if (p.stage() != Peer.Stage.CLOSED && !p.isOutbound() && standing.isDiscouraged(hostOf(p.connection().remoteAddress()), now)) {
        newest = p;
      }
    }
    return Optional.ofNullable(newest);
  }

  // ---- transport events ------------------------------------------------------------------------

  /** A connection opened (either direction). */
  public void opened(PeerConnection c) {
    if (!running) {
      c.close("shutting down");
      return;
    }
    String host = hostOf(c.remoteAddress());
    long now = now();
    if (standing.isBanned(host, now)) {
      sendAndClose(c, Bye.of(ByeReason.MISBEHAVIOUR, "banned"), "banned by the operator");
      return;
    }
    if (liveConnections() >= config.maxPeers()) {
      // A discouraged address gets only a free slot; anyone else may take the slot of a discouraged inbound peer.
      Optional<Peer> evict = standing.isDiscouraged(host, now) ? Optional.empty() : discouragedInbound(now);
      if (evict.isEmpty()) {
        sendAndClose(c, Bye.of(ByeReason.TOO_MANY_PEERS, "too many peers"), "too many peers");
        return;
      }
      LOG.info("evicting {} from the discouraged address {} to make room for {}", evict.get(), host, c);
      disconnect(evict.get(), ByeReason.TOO_MANY_PEERS, "too many peers: evicted for a connection from an address in good standing");
    }
    Peer p = new Peer(c, now(), config.blockRequestLimit(), config.blockRequestWindowMs());
    InetSocketAddress target = dialed.remove(c.id());
    if (target != null) {
      p.listenAddress(target);
    }
    peers.put(c.id(), p);
    int port = config.advertisedPort() != 0 ? config.advertisedPort() : transport.localAddress().getPort();
    Hello hello;
    if (node.storeFailure().isPresent()) {
      // A head it may not be able to serve is not advertised: no peer should sync from this node.
      hello = handshake.hello(0, node.genesis().hash(), 0, port, config.agent());
    } else {
      Head head = node.head();
      hello = handshake.hello(head.number(), head.hash(), head.totalWeight(), port, config.agent());
    }
    Frame f = MessageCodec.encode(hello);
    p.ourHello(f.body());
    p.send(f);
    loop.schedule(() -> handshakeTimeout(p), config.handshakeTimeoutMs());
  }

  private void handshakeTimeout(Peer p) {
    if (p.stage() == Peer.Stage.HANDSHAKE) {
      fail(p, ByeReason.BAD_HANDSHAKE, "handshake not done in " + config.handshakeTimeoutMs() + " ms");
    }
  }

  /** A frame arrived on {@code c}. */
  public void frame(PeerConnection c, Frame frame) {
    Peer p = peers.get(c.id());
    if (p == null || p.stage() == Peer.Stage.CLOSED) {
      return;
    }
    p.received(now());
    Message m;
    try {
      m = MessageCodec.decode(frame);
    } catch (MalformedMessageException e) {
      if (p.isEstablished()) {
        penalise(p, Offence.MALFORMED_FRAME, e.getMessage());
      } else {
        fail(p, ByeReason.BAD_HANDSHAKE, e.getMessage());
      }
      return;
    }
    if (m instanceof Bye bye) {
      LOG.debug("{} said BYE {}: {}", p, bye.code(), bye.text());
      close(p, "peer said BYE " + bye.code() + " (" + bye.reason().map(Enum::name).orElse("unknown") + "): " + bye.text());
      return;
    }
    if (!p.isEstablished()) {
      handshakeStep(p, m, frame.body());
      return;
    }
    if (m instanceof Ping ping) {
      p.send(new Pong(ping.nonce()));
    } else if (m instanceof Hello || m instanceof Auth) {
      penalise(p, Offence.PROTOCOL_VIOLATION, m.header() + " after the handshake");
    } else if (!(m instanceof Pong)) {
      listener.onMessage(p, m);
    }
  }

  private void handshakeStep(Peer p, Message m, Bytes body) {
    Optional<Hello> theirs = p.hello();
    if (theirs.isEmpty()) {
      if (!(m instanceof Hello h)) {
        fail(p, ByeReason.BAD_HANDSHAKE, "expected HEL first, got " + m.header());
        return;
      }
      Hello ours = (Hello) MessageCodec.decode(new Frame(Hello.HEADER, p.ourHello()));
      Optional<Handshake.Rejection> no = handshake.check(h, ours);
      if (no.isPresent()) {
        if (no.get().self() && p.isOutbound()) {
          book.markSelf(p.listenAddress());
        }
        fail(p, no.get().reason(), no.get().text());
        return;
      }
      NodeId id = NodeId.ofKey(h.nodeKey());
      if (standing.isRefused(id, now())) {
        fail(p, ByeReason.MISBEHAVIOUR, "node id refused after misbehaviour");
        return;
      }
      p.theirHello(h, body);
      p.nodeId(id);
      if (!p.isOutbound()) {
        p.listenAddress(InetSocketAddress.createUnresolved(p.connection().remoteAddress().getHostString(), h.listenPort()));
      }
      p.send(handshake.auth(p.isOutbound(), p.ourHello(), body));
      return;
    }
    if (!(m instanceof Auth auth)) {
      fail(p, ByeReason.BAD_HANDSHAKE, "expected AUT, got " + m.header());
      return;
    }
    if (!handshake.verify(p.isOutbound(), theirs.get().nodeKey(), auth, p.ourHello(), p.theirHelloBody())) {
      fail(p, ByeReason.BAD_HANDSHAKE, "bad AUT signature");
      return;
    }
    establish(p, theirs.get());
  }

  private void establish(Peer p, Hello hello) {
    for (Peer other : established()) {
      if (other.nodeId().equals(p.nodeId())) {
        Peer loser = duplicateLoser(p, other);
        LOG.debug("duplicate connections to {}: closing {}", p.nodeId().shortId(), loser.connection());
        disconnect(loser, ByeReason.DUPLICATE, "duplicate connection");
        if (loser == p) {
          return;
        }
      }
    }
    p.stage(Peer.Stage.ESTABLISHED);
    p.establishedAt(now());
    p.pinged(now());
    p.advertise(hello);
    book.connected(p.listenAddress(), p.nodeId());
    LOG.info("connected to {} ({}), head #{} weight {}", p, hello.agent(), hello.headNumber(), hello.totalWeight());
    awaitingDone(p);
    listener.onEstablished(p);
  }

  /**
   * Of two connections between the same pair, the one dialed by the node with the lower id stays
   * (SPEC 9); when both were dialed by the same node, the older one stays.
   */
  private Peer duplicateLoser(Peer fresh, Peer older) {
    NodeId lower = self().compareTo(fresh.nodeId()) < 0 ? self() : fresh.nodeId();
    boolean freshPreferred = dialer(fresh).equals(lower);
    boolean olderPreferred = dialer(older).equals(lower);
    return freshPreferred && !olderPreferred ? older : fresh;
  }

  private NodeId dialer(Peer p) {
    return p.isOutbound() ? self() : p.nodeId();
  }

  /** A connection closed. */
  public void closed(PeerConnection c, String reason) {
    dialed.remove(c.id());
    Peer p = peers.remove(c.id());
    if (p == null) {
      return;
    }
    boolean wasEstablished = p.wasEstablished();
    if (p.isEstablished() && reason.startsWith(Protocol.FRAMING_VIOLATION)) {
      // The transport cut the peer off for breaking the framing (SPEC 9: a frame over MAX_FRAME
      // scores 100). Before the handshake it is only closed, like an undecodable frame.
      int score = p.addScore(Offence.MALFORMED_FRAME.score());
      LOG.info("{} misbehaved ({}, +{} = {}): {}", p, Offence.MALFORMED_FRAME, Offence.MALFORMED_FRAME.score(), score, reason);
      refuseAndDiscourage(p);
    }
    p.stage(Peer.Stage.CLOSED);
    CompletableFuture<Peer> f = awaiting.remove(c.id());
    if (f != null) {
      f.completeExceptionally(new IllegalStateException("connection closed before the handshake completed: " + reason));
    }
    if (p.isOutbound()) {
      if (wasEstablished) {
        book.disconnected(p.listenAddress(), now());
      } else {
        book.failed(p.listenAddress(), now());
      }
    }
    if (wasEstablished) {
      LOG.info("disconnected from {}: {}", p, reason);
      listener.onClosed(p);
    } else {
      LOG.debug("connection {} closed during the handshake: {}", c, reason);
    }
  }

  // ---- misbehaviour, closing -------------------------------------------------------------------

  /**
   * Scores {@code offence}; at {@link Offence#BAN_SCORE} the peer is disconnected, its node id
   * refused and its address discouraged.
   */
  public void penalise(Peer p, Offence offence, String why) {
    if (p.stage() == Peer.Stage.CLOSED) {
      return;
    }
    int score = p.addScore(offence.score());
    LOG.info("{} misbehaved ({}, +{} = {}): {}", p, offence, offence.score(), score, why);
    if (score >= Offence.BAN_SCORE) {
      refuseAndDiscourage(p);
      disconnect(p, ByeReason.MISBEHAVIOUR, offence.name().toLowerCase(java.util.Locale.ROOT) + ": " + why);
    }
  }

  private void refuseAndDiscourage(Peer p) {
    String host = hostOf(p.connection().remoteAddress());
    standing.misbehaved(host, p.nodeId(), now());
    LOG.info("refusing node {} and discouraging its address {} for {} s", p.nodeId() == null ? "(unknown)" : p.nodeId().shortId(), host,
        config.discourageMs() / 1000);
  }

  /** Closes every connection from or to an address the operator banned (after {@link ManualBans#ban}). */
  public void enforceBans() {
    long now = now();
    for (Peer p : new ArrayList<>(peers.values())) {
      if (p.stage() != Peer.Stage.CLOSED && standing.isBanned(hostOf(p.connection().remoteAddress()), now)) {
        LOG.info("closing {}: its address is banned", p);
        disconnect(p, ByeReason.MISBEHAVIOUR, "banned");
      }
    }
  }

  /** Sends {@code BYE reason} and closes. */
  public void disconnect(Peer p, ByeReason reason, String text) {
    if (p.stage() == Peer.Stage.CLOSED) {
      return;
    }
    p.send(Bye.of(reason, text));
    close(p, "BYE " + reason.code() + ": " + text);
  }

  private void fail(Peer p, ByeReason reason, String text) {
    LOG.debug("handshake with {} failed: BYE {} {}", p.connection(), reason.code(), text);
    disconnect(p, reason, text);
  }

  /** Closes at once: nothing more is sent to or handled from the peer; the transport reports the close later. */
  private void close(Peer p, String reason) {
    p.stage(Peer.Stage.CLOSED);
    p.connection().close(reason);
  }

  private static void sendAndClose(PeerConnection c, Bye bye, String reason) {
    c.send(MessageCodec.encode(bye));
    c.close(reason);
  }

  // ---- keepalive and dialing -------------------------------------------------------------------

  /** Periodic work: keepalives, silent peers, dialing. */
  public void tick() {
    long now = now();
    for (Peer p : new ArrayList<>(peers.values())) {
      if (!p.isEstablished()) {
        continue;
      }
      if (now - p.lastReceivedAt() >= config.silenceTimeoutMs()) {
        LOG.info("{} was silent for {} ms", p, now - p.lastReceivedAt());
        close(p, "silent for " + (now - p.lastReceivedAt()) + " ms");
      } else if (now - p.lastPingAt() >= config.pingIntervalMs()) {
        p.pinged(now);
        p.send(new Ping(random.nextLong() & Long.MAX_VALUE));
      }
    }
    if (running) {
      dialMore();
    }
  }

  /** Dials due addresses until the outbound target or {@code max_peers} is reached. */
  private void dialMore() {
    int outbound = dialing.size();
    for (Peer p : peers.values()) {
      if (p.isOutbound()) {
        outbound++;
      }
    }
    if (outbound >= config.outboundTarget() || liveConnections() + dialing.size() >= config.maxPeers()) {
      return;
    }
    Set<String> connectedKeys = new HashSet<>();
    Set<NodeId> connectedIds = new HashSet<>();
    for (Peer p : peers.values()) {
      connectedKeys.add(AddressBook.key(p.listenAddress()));
      if (p.nodeId() != null) {
        connectedIds.add(p.nodeId());
      }
    }
    long now = now();
    for (AddressBook.Entry e : book.due(now, e -> dialing.contains(AddressBook.key(e.address()))
        || connectedKeys.contains(AddressBook.key(e.address()))
        || e.nodeId().map(connectedIds::contains).orElse(false)
        || !standing.mayDial(e.address(), now))) {
      if (outbound >= config.outboundTarget() || liveConnections() + dialing.size() >= config.maxPeers()) {
        return;
      }
      dial(e.address());
      outbound++;
    }
  }

  /**
   * Dials {@code address}, adding it to the static peers; the future completes when the handshake
   * does, and fails when the dial or the handshake fails, or at once when the address is banned,
   * or discouraged and not a bootstrap peer (it is still kept, and dialed once that ends).
   */
  public CompletableFuture<Peer> connect(InetSocketAddress address) {
    book.addStatic(address);
    if (!standing.mayDial(address, now())) {
      return CompletableFuture.failedFuture(new IllegalStateException(AddressBook.key(address)
          + (standing.isBanned(hostOf(address), now()) ? " is banned" : " is discouraged after misbehaviour")));
    }
    return dial(address);
  }

  private CompletableFuture<Peer> dial(InetSocketAddress address) {
    CompletableFuture<Peer> done = new CompletableFuture<>();
    String key = AddressBook.key(address);
    dialing.add(key);
    LOG.debug("dialing {}", key);
    CompletableFuture<PeerConnection> connecting;
    try {
      connecting = transport.connect(address);
    } catch (RuntimeException e) {
      connecting = CompletableFuture.failedFuture(e);
    }
    connecting.whenComplete((c, error) -> loop.execute(() -> dialed(address, c, error, done)));
    return done;
  }

  private void dialed(InetSocketAddress address, PeerConnection c, Throwable error, CompletableFuture<Peer> done) {
    dialing.remove(AddressBook.key(address));
    if (error != null) {
      LOG.debug("could not connect to {}: {}", AddressBook.key(address), error.toString());
      book.failed(address, now());
      done.completeExceptionally(error);
      return;
    }
    Peer p = peers.get(c.id());
    if (p != null) {
      p.listenAddress(address);
      if (p.isEstablished()) {
        done.complete(p);
      } else {
        awaiting.put(c.id(), done);
      }
    } else if (c.isOpen()) {
      dialed.put(c.id(), address);
      awaiting.put(c.id(), done);
    } else {
      done.completeExceptionally(new IllegalStateException("connection to " + AddressBook.key(address) + " closed at once"));
    }
  }

  private void awaitingDone(Peer p) {
    CompletableFuture<Peer> f = awaiting.remove(p.id());
    if (f != null) {
      f.complete(p);
    }
  }
}
