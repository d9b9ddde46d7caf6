package io.ccoin.net.internal.gossip;

import io.ccoin.core.internal.NodeAccess;
import io.ccoin.api.Block;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.NewHeadEvent;
import io.ccoin.api.event.TxAddedEvent;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Head;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolError;
import io.ccoin.core.internal.pool.TxPool;
import io.ccoin.net.internal.peer.NetworkThread;
import io.ccoin.net.internal.peer.Offence;
import io.ccoin.net.internal.peer.Peer;
import io.ccoin.net.internal.peer.PeerManager;
import io.ccoin.net.internal.protocol.NewBlock;
import io.ccoin.net.internal.protocol.Protocol;
import io.ccoin.net.internal.protocol.Transactions;
import io.ccoin.net.internal.sync.Synchronizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays transactions and blocks (SPEC 9). Each peer has a bounded set of the transactions and
 * blocks it is known to have (it sent them, or we did), so that each is sent to every other peer
 * once. Transactions the pool admitted, from peers, local submissions or a reorg, are collected for
 * {@value #FLUSH_INTERVAL_MS} ms (or until 1024 wait) and sent as {@code TXS} of at most 1024 within
 * {@code MAX_FRAME}, so a busy node sends each peer a few frames per interval rather than one per
 * transaction; a new peer gets the pool's ready ones. A
 * block is relayed after it was imported, and only when the chain says it is relayable (not the
 * second block of a miner at one height); blocks this validator produced are announced.
 *
 * <p>Only a sender's own faults count against it: an invalid block, or a transaction that can never
 * be valid here (wrong chain, bad key or signature, too large, fee too low); a stale or
 * other-fork block or transaction is no offence.
 *
 * <p>A received transaction the pool holds, or one already waiting for admission (another peer sent
 * it too), is skipped before it takes a place in the queue (counted,
 * {@link #transactionsSkippedKnown()}). Transactions received in {@code TXS} wait in a bounded queue
 * ({@link AdmissionQueue}) and are admitted a chunk of at most {@value AdmissionQueue#CHUNK} per
 * network-thread task, with at most one such task queued, so that a block arriving meanwhile waits
 * behind one chunk rather than the whole backlog; a {@code TXS} that would take the queue over
 * {@link io.ccoin.net.NetworkConfig#txQueueLimit()} is dropped and counted, not held against its
 * sender. No peer sends a dropped transaction again, so a later nonce of its sender would wait in
 * the pool as {@code future} for good (or until another validator mines the missing one): the
 * senders of dropped transactions (and of those the pool refused {@code pool_full} or
 * {@code nonce_too_far}) are remembered ({@link NonceGaps}) and their later nonces dropped unchecked
 * too, counted apart as well, until the node has the nonce before them. Confined to the network
 * thread (apart from the counters).
 */
public final class Gossip {
  private static final Logger LOG = LoggerFactory.getLogger(Gossip.class);
  /** Pool rejections that are the sender's fault: the transaction is invalid on this network, whatever the state. */
  static final Set<PoolError> OFFENCES = EnumSet.of(PoolError.WRONG_CHAIN, PoolError.BAD_KEY, PoolError.BAD_SIGNATURE,
      PoolError.TOO_LARGE, PoolError.FEE_TOO_LOW);
  /**
   * Pool refusals that pass with time, after which no peer sends the transaction again: later nonces
   * of its sender would wait behind it ({@link NonceGaps}).
   */
  static final Set<PoolError> GAP_ERRORS = EnumSet.of(PoolError.POOL_FULL, PoolError.NONCE_TOO_FAR);
  /** Bytes of transactions in one {@code TXS}, leaving room for the header and array headers. */
  static final int TXS_BUDGET = Frame.MAX_FRAME - 16;
  /** How long admitted transactions are collected before they are relayed. */
  public static final long FLUSH_INTERVAL_MS = 100;
  /**
   * How long the head may stay the same before it is announced again to every peer, whether or not
   * it is known to have it (the keepalive interval of SPEC 9).
   */
  public static final long HEAD_REANNOUNCE_MS = 20_000;

  private final CcoinNode node;
  private final PeerManager peers;
  private final Synchronizer sync;
  private final NetworkThread loop;
  private final Map<Hash, Transaction> pendingTxs = new LinkedHashMap<>();
  private boolean flushScheduled;
  private final AdmissionQueue<Peer> received;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong droppedAfterGap = new AtomicLong();
  private final AtomicLong skippedKnown = new AtomicLong();
  private final NonceGaps gaps = new NonceGaps(NonceGaps.DEFAULT_CAPACITY);
  private Hash lastHead;
  private long lastHeadAt;

  public Gossip(CcoinNode node, PeerManager peers, Synchronizer sync, NetworkThread loop) {
    this(node, peers, sync, loop, io.ccoin.net.NetworkConfig.DEFAULT.txQueueLimit());
  }

  public Gossip(CcoinNode node, PeerManager peers, Synchronizer sync, NetworkThread loop, int txQueueLimit) {
    this.node = node;
    this.peers = peers;
    this.sync = sync;
    this.loop = loop;
    this.received = new AdmissionQueue<>(loop, txQueueLimit, this::admit);
  }

  /**
   * Transactions received from peers and dropped unchecked: the admission queue was full, or an
   * earlier nonce of their sender was dropped ({@link #transactionsDroppedAfterGap()}). Thread-safe.
   */
  public long transactionsDropped() {
    return dropped.get();
  }

  /**
   * Of {@link #transactionsDropped()}, those dropped because an earlier nonce of their sender was
   * dropped or refused {@code pool_full} or {@code nonce_too_far} and has not reached the node
   * since. Thread-safe.
   */
  public long transactionsDroppedAfterGap() {
    return droppedAfterGap.get();
  }

  /**
   * Transactions received from peers and not queued because the pool holds them already or they
   * wait for admission already (another peer sent them too). Thread-safe.
   */
  public long transactionsSkippedKnown() {
    return skippedKnown.get();
  }

  /** Transactions received from peers waiting for admission now. */
  public int transactionsQueued() {
    return received.size();
  }

  // ---- transactions ----------------------------------------------------------------------------

  /**
   * A {@code TXS} arrived: queue it for admission (or drop it when the queue is full); what the pool
   * admits is relayed through {@link #onTxAdded}.
   */
  public void onTransactions(Peer p, Transactions m) {
    List<Transaction> txs = m.transactions();
    TxPool pool = NodeAccess.pool(node);
    List<Transaction> fresh = new ArrayList<>(txs.size());
    List<Hash> freshHashes = new ArrayList<>(txs.size());
    int known = 0;
    int afterGap = 0;
    for (Transaction tx : txs) {
      Hash hash = Hashes.txHash(tx);
      p.knownTxs().add(hash);
      if (received.contains(hash) || pool.contains(hash)) {
        known++;
      } else if (!gaps.isEmpty() && !gaps.admits(PublicKeys.address(tx.publicKey()), tx.nonce(), node::pendingNonce)) {
        afterGap++;
      } else {
        fresh.add(tx);
        freshHashes.add(hash);
      }
    }
    if (known > 0) {
      skippedKnown.addAndGet(known);
    }
    if (afterGap > 0) {
      dropped.addAndGet(afterGap);
      droppedAfterGap.addAndGet(afterGap);
    }
    if (fresh.isEmpty()) {
      return;
    }
    if (!received.hasRoomFor(fresh.size())) {
      dropped.addAndGet(fresh.size());
      for (Transaction tx : fresh) {
        gaps.dropped(PublicKeys.address(tx.publicKey()), tx.nonce());
      }
      LOG.debug("dropped TXS of {} from {}: {} transactions already wait for admission", fresh.size(), p, received.size());
      return;
    }
    received.add(p, fresh, freshHashes);
  }

  /** Checks and admits one waiting chunk of received transactions. */
  private void admit(AdmissionQueue.Chunk<Peer> next) {
    Peer p = next.from();
    List<AddResult> results = node.submitAll(next.txs());
    for (int i = 0; i < results.size(); i++) {
      AddResult r = results.get(i);
      Optional<PoolError> error = r.error();
      if (error.isPresent() && GAP_ERRORS.contains(error.get())) {
        Transaction tx = next.txs().get(i);
        gaps.dropped(PublicKeys.address(tx.publicKey()), tx.nonce());
      }
      if (error.isPresent() && OFFENCES.contains(error.get()) && p.isEstablished()) {
        peers.penalise(p, Offence.INVALID_TRANSACTION, "transaction " + r.hash() + ": " + error.get().code() + ": " + r.message());
        if (!p.isEstablished()) {
          return;
        }
      }
    }
  }

  /**
   * The pool admitted a transaction: relay it with the others admitted in the next
   * {@value #FLUSH_INTERVAL_MS} ms, or at once when a full {@code TXS} is waiting.
   */
  public void onTxAdded(TxAddedEvent e) {
    pendingTxs.put(e.hash(), e.transaction());
    if (pendingTxs.size() >= Protocol.MAX_TXS) {
      loop.execute(this::flush);
    } else if (!flushScheduled) {
      flushScheduled = true;
      loop.schedule(this::timedFlush, FLUSH_INTERVAL_MS);
    }
  }

  private void timedFlush() {
    flushScheduled = false;
    flush();
  }

  /** Sends the batched transactions to every peer that does not have them yet. */
  public void flush() {
    if (pendingTxs.isEmpty()) {
      return;
    }
    Map<Hash, Transaction> batch = new LinkedHashMap<>(pendingTxs);
    pendingTxs.clear();
    for (Peer p : peers.established()) {
      sendTransactions(p, batch);
    }
  }

  private void sendTransactions(Peer p, Map<Hash, Transaction> txs) {
    List<Transaction> chunk = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<Hash, Transaction> e : txs.entrySet()) {
      if (!p.knownTxs().add(e.getKey())) {
        continue;
      }
      int size = Codec.encodedSize(e.getValue());
      if (!chunk.isEmpty() && (chunk.size() == Protocol.MAX_TXS || bytes + size > TXS_BUDGET)) {
        p.send(new Transactions(chunk));
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(e.getValue());
      bytes += size;
    }
    if (!chunk.isEmpty()) {
      p.send(new Transactions(chunk));
    }
  }

  /** A new peer gets the pool's ready transactions (up to 1024). */
  public void onEstablished(Peer p) {
    List<Transaction> ready = NodeAccess.pool(node).select(Protocol.MAX_TXS, TXS_BUDGET, node.head()::account);
    if (!ready.isEmpty()) {
      Map<Hash, Transaction> txs = new LinkedHashMap<>();
      for (Transaction tx : ready) {
        txs.put(Hashes.txHash(tx), tx);
      }
      sendTransactions(p, txs);
    }
  }

  // ---- blocks ----------------------------------------------------------------------------------

  /** An {@code NBL} arrived: import it, relay it if it is new, valid and relayable, or sync towards it. */
  public void onNewBlock(Peer p, NewBlock m) {
    Block block = m.block();
    Hash hash = Hashes.blockHash(block.sealedHeader());
    p.knownBlocks().add(hash);
    ImportResult r;
    try {
      r = node.importBlock(block);
    } catch (RuntimeException e) {
      LOG.warn("importing block #{} {} from {} failed", block.number(), hash, p, e);
      return;
    }
    switch (r.status()) {
      case IMPORTED -> {
        placed(p, hash, block);
        if (NodeAccess.chain(node).isRelayable(hash)) {
          announce(block, hash);
        } else {
          LOG.info("not relaying block #{} {}: its miner already signed another block at this number", block.number(), hash);
        }
      }
      case ALREADY_KNOWN -> placed(p, hash, block);
      case ORPHAN -> {
        p.announcedUnknown(block.number(), hash);
        sync.onAnnounced(p);
      }
      case INVALID -> peers.penalise(p, Offence.INVALID_BLOCK, "block #" + block.number() + " " + hash + ": " + r.validation());
      default -> LOG.debug("block #{} {} from {}: {}", block.number(), hash, p, r);
    }
  }

  /** The peer announced a block: a stored one tells its weight; one still waiting for its parent claims more. */
  private void placed(Peer p, Hash hash, Block block) {
    Optional<StoredBlock> stored = node.block(hash);
    if (stored.isPresent()) {
      p.announced(block.number(), hash, stored.get().totalWeight());
    } else {
      p.announcedUnknown(block.number(), hash);
    }
    sync.onAnnounced(p);
  }

  /** Sends {@code block} to every established peer not known to have it. */
  public void announce(Block block, Hash hash) {
    Frame frame = null;
    for (Peer p : peers.established()) {
      if (p.knownBlocks().add(hash)) {
        if (frame == null) {
          frame = io.ccoin.net.internal.protocol.MessageCodec.encode(new NewBlock(block));
        }
        p.send(frame);
      }
    }
  }

  /**
   * Announces the head again, once it has not changed for {@value #HEAD_REANNOUNCE_MS} ms (and then
   * every {@value #HEAD_REANNOUNCE_MS} ms while it stays), to every peer that has not itself
   * announced that block as its head, whether or not it is known to have it. A peer that lost every
   * announcement of the newest block learns of it only so: the set of what a peer knows counts
   * blocks sent to it, not received, and with every miner waiting on that peer (recents) no later
   * block would ever tell it. A known block is no offence (SPEC 9); on an idle chain two peers stop
   * once each has announced the head to the other. Genesis is never announced.
   */
  public void tick(long now) {
    Head head = node.head();
    if (!head.hash().equals(lastHead)) {
      lastHead = head.hash();
      lastHeadAt = now;
      return;
    }
    if (now - lastHeadAt < HEAD_REANNOUNCE_MS || head.number() == 0 || !NodeAccess.chain(node).isRelayable(head.hash())) {
      return;
    }
    lastHeadAt = now;
    Frame frame = null;
    for (Peer p : peers.established()) {
      if (p.headHash().equals(head.hash())) {
        continue;
      }
      if (frame == null) {
        frame = io.ccoin.net.internal.protocol.MessageCodec.encode(new NewBlock(head.block()));
        LOG.debug("head #{} {} unchanged for {} ms: announcing it again", head.number(), head.hash(), HEAD_REANNOUNCE_MS);
      }
      p.knownBlocks().add(head.hash());
      p.send(frame);
    }
  }

  /** This validator produced {@code block}. */
  public void onProduced(Block block) {
    announce(block, Hashes.blockHash(block.sealedHeader()));
  }

  /**
   * The head moved: announce it if it is still the head (so a long sync announces only where it
   * ended) and relayable. Blocks that arrived by {@code NBL} were relayed already.
   */
  public void onNewHead(NewHeadEvent e) {
    if (e.hash().equals(node.head().hash()) && NodeAccess.chain(node).isRelayable(e.hash())) {
      announce(e.head(), e.hash());
    }
  }
}
