package io.ccoin.net.internal.peer;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.api.PeerConnection;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.Message;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.NodeId;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One connection and what this node knows about the peer at its other end: the handshake's
 * progress, the peer's identity and listen address, its advertised chain (a hint, SPEC 9), its
 * misbehaviour score, what it is known to have, and its request budgets. Not thread-safe: confined
 * to the network thread.
 */
public final class Peer {
  /** Where a connection stands. */
  public enum Stage {
    HANDSHAKE,
    ESTABLISHED,
    CLOSED
  }

  private final PeerConnection connection;
  private final long openedAt;
  private final KnownSet<Hash> knownTxs;
  private final KnownSet<Hash> knownBlocks;
  private final SlidingWindowLimiter servedBlockRequests;
  private final SlidingWindowLimiter sentBlockRequests;
  private Stage stage = Stage.HANDSHAKE;
  private Bytes ourHello;
  private Bytes theirHelloBody;
  private Hello theirHello;
  private NodeId nodeId;
  private InetSocketAddress listenAddress;
  private long lastReceivedAt;
  private long lastPingAt;
  private long establishedAt;
  private boolean everEstablished;
  private int score;

  private long headNumber;
  private Hash headHash = Hash.ZERO;
  private long totalWeight;
  private boolean headUnknown;
  private boolean claimLost;
  private long claimLostAt;
  private int claimFailures;
  private boolean claimLostUnanswered;

  public Peer(PeerConnection connection, long now, int requestLimit, long requestWindowMs) {
    this.connection = connection;
    this.openedAt = now;
    this.lastReceivedAt = now;
    this.knownTxs = new KnownSet<>(32_768);
    this.knownBlocks = new KnownSet<>(4_096);
    this.servedBlockRequests = new SlidingWindowLimiter(requestLimit, requestWindowMs);
    this.sentBlockRequests = new SlidingWindowLimiter(requestLimit, requestWindowMs);
  }

  // ---- connection ------------------------------------------------------------------------------

  public PeerConnection connection() {
    return connection;
  }

  public long id() {
    return connection.id();
  }

  public PeerConnection.Direction direction() {
    return connection.direction();
  }

  public boolean isOutbound() {
    return connection.direction() == PeerConnection.Direction.OUTBOUND;
  }

  /** Sends {@code message}; false when the connection is closed (or closing) or its buffer is full. */
  public boolean send(Message message) {
    return stage != Stage.CLOSED && connection.send(MessageCodec.encode(message));
  }

  /** Sends an already encoded frame. */
  public boolean send(Frame frame) {
    return stage != Stage.CLOSED && connection.send(frame);
  }

  public Stage stage() {
    return stage;
  }

  public boolean isEstablished() {
    return stage == Stage.ESTABLISHED;
  }

  void stage(Stage s) {
    this.stage = s;
    if (s == Stage.ESTABLISHED) {
      everEstablished = true;
    }
  }

  public long openedAt() {
    return openedAt;
  }

  public long establishedAt() {
    return establishedAt;
  }

  /** True once the handshake completed, even after the connection closed. */
  public boolean wasEstablished() {
    return everEstablished;
  }

  void establishedAt(long t) {
    this.establishedAt = t;
  }

  // ---- handshake -------------------------------------------------------------------------------

  Bytes ourHello() {
    return ourHello;
  }

  void ourHello(Bytes body) {
    this.ourHello = body;
  }

  Bytes theirHelloBody() {
    return theirHelloBody;
  }

  /** The peer's {@code HEL}, once received. */
  public Optional<Hello> hello() {
    return Optional.ofNullable(theirHello);
  }

  void theirHello(Hello h, Bytes body) {
    this.theirHello = h;
    this.theirHelloBody = body;
  }

  /** The peer's node id, known once its {@code HEL} arrived. */
  public NodeId nodeId() {
    return nodeId;
  }

  void nodeId(NodeId id) {
    this.nodeId = id;
  }

  /** Where the peer accepts connections: the dialed address, or its host with its advertised port. */
  public InetSocketAddress listenAddress() {
    return listenAddress != null ? listenAddress : connection.remoteAddress();
  }

  void listenAddress(InetSocketAddress a) {
    this.listenAddress = a;
  }

  public String agent() {
    return theirHello == null ? "" : theirHello.agent();
  }

  // ---- liveness and behaviour ------------------------------------------------------------------

  public long lastReceivedAt() {
    return lastReceivedAt;
  }

  void received(long now) {
    this.lastReceivedAt = now;
  }

  long lastPingAt() {
    return lastPingAt;
  }

  void pinged(long now) {
    this.lastPingAt = now;
  }

  public int score() {
    return score;
  }

  /** Adds an offence's score; returns the new total. */
  int addScore(int points) {
    score = (int) Math.min(Integer.MAX_VALUE, (long) score + points);
    return score;
  }

  public KnownSet<Hash> knownTxs() {
    return knownTxs;
  }

  public KnownSet<Hash> knownBlocks() {
    return knownBlocks;
  }

  /** The {@code GBL}s this node answered for the peer, for the answering limit. */
  public SlidingWindowLimiter servedBlockRequests() {
    return servedBlockRequests;
  }

  /** The {@code GBL}s this node sent the peer, so that it never asks beyond the limit. */
  public SlidingWindowLimiter sentBlockRequests() {
    return sentBlockRequests;
  }

  // ---- the peer's chain, as it advertises it ---------------------------------------------------

  public long headNumber() {
    return headNumber;
  }

  public Hash headHash() {
    return headHash;
  }

  /** The total weight the peer advertised (from {@code HEL}, or a block it announced). */
  public long totalWeight() {
    return totalWeight;
  }

  /** The peer announced a block whose parent this node does not know: it claims a chain we lack. */
  public boolean headUnknown() {
    return headUnknown;
  }

  /** The peer failed to deliver a heavier chain; its claim is void until it announces a new block. */
  public boolean claimLost() {
    return claimLost;
  }

  /** When the claim was lost. */
  public long claimLostAt() {
    return claimLostAt;
  }

  /** Gives a lost claim another chance (after the retry delay). */
  public void restoreClaim() {
    claimLost = false;
  }

  /** What {@code HEL} advertised. */
  void advertise(Hello h) {
    this.headNumber = h.headNumber();
    this.headHash = h.headHash();
    this.totalWeight = h.totalWeight();
  }

  /**
   * The peer announced a block we could place, of total weight {@code weight}: its claim is at
   * least that (exactly that when its earlier claim was lost), and stands again.
   */
  public void announced(long number, Hash hash, long weight) {
    if (claimLost || weight >= totalWeight) {
      headNumber = number;
      headHash = hash;
      totalWeight = weight;
    }
    headUnknown = false;
    claimLost = false;
  }

  /**
   * The peer announced a block whose parent is unknown here: it claims a chain we lack (a claim
   * it lost before is replaced by this one, of a weight yet unknown).
   */
  public void announcedUnknown(long number, Hash hash) {
    if (claimLost) {
      totalWeight = 0;
    }
    headNumber = claimLost ? number : Math.max(headNumber, number);
    headHash = hash;
    headUnknown = true;
    claimLost = false;
  }

  /**
   * The peer answered without delivering a heavier chain: its claim is void until it announces a
   * new block (or the retry delay passes).
   */
  public void loseClaim(long now) {
    loseClaim(now, false);
  }

  /**
   * The peer did not answer a block request in time: its claim is void as with {@link
   * #loseClaim(long)}, but the request or its answer may merely have been lost, so the retry delay
   * starts shorter ({@link #claimLostUnanswered()}).
   */
  public void loseClaimUnanswered(long now) {
    loseClaim(now, true);
  }

  private void loseClaim(long now, boolean unanswered) {
    claimLost = true;
    claimLostAt = now;
    claimLostUnanswered = unanswered;
    headUnknown = false;
    claimFailures = (int) Math.min(Integer.MAX_VALUE, claimFailures + 1L);
  }

  /** True when the claim was last lost because a request timed out, not because an answer fell short. */
  public boolean claimLostUnanswered() {
    return claimLostUnanswered;
  }

  /** How many sync rounds in a row the peer ended without delivering a block (the retry delay grows with it). */
  public int claimFailures() {
    return claimFailures;
  }

  /** The peer delivered blocks that this node imported. */
  public void delivered() {
    claimFailures = 0;
  }

  @Override
  public String toString() {
    return "peer " + (nodeId == null ? "?" : nodeId.shortId()) + " " + AddressBook.key(listenAddress()) + " ("
        + connection.direction().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
