package io.ccoin.net.internal.sync;

import io.ccoin.core.Head;
import io.ccoin.core.internal.NodeAccess;
import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.chain.ChainHead;
import io.ccoin.net.NetworkConfig;
import io.ccoin.net.SyncState;
import io.ccoin.net.SyncStatus;
import io.ccoin.net.internal.peer.NetworkThread;
import io.ccoin.net.internal.peer.Offence;
import io.ccoin.net.internal.peer.Peer;
import io.ccoin.net.internal.peer.PeerManager;
import io.ccoin.net.internal.protocol.Blocks;
import io.ccoin.net.internal.protocol.GetBlocks;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync state machine (SPEC 9): {@code BOOT} until a peer is known (or the boot grace passes),
 * {@code SYNCING(peer)} while a peer claims a heavier chain, by its {@code HEL} weight or by
 * announcing a block whose parent is unknown here, and {@code SYNCED} when no known peer is heavier.
 *
 * <p>A sync round asks the peer for the blocks after a locator ({@code GBL}), imports each
 * {@code BLS} batch in order, and asks again from the last block received until this node is no
 * longer lighter or the peer has nothing more. An advertised weight is a hint: a peer that ends a
 * round without delivering a heavier valid chain, or lets a request time out, loses its claim
 * until it announces a new block or a retry delay passes (shorter after a timeout, see {@link
 * #retryDelay(Peer)}), and the sync moves on to another peer. A response with an unknown
 * or late request id is ignored. Requests to one peer are paced to the answering limit.
 *
 * <p>Confined to the network thread.
 */
public final class Synchronizer {
  private static final Logger LOG = LoggerFactory.getLogger(Synchronizer.class);
  /** How often progress is logged while syncing. */
  static final long PROGRESS_LOG_MS = 5_000;
  /** The claim retry delay doubles for each further failed round of a peer, up to this many doublings of {@code claimRetry} (16x). */
  static final int MAX_RETRY_DOUBLINGS = 4;

  private final CcoinNode node;
  private final PeerManager peers;
  private final NetworkConfig config;
  private final NetworkThread loop;
  private final Clock clock;
  private final long bootedAt;
  private SyncState state = SyncState.BOOT;
  private Peer target;
  private long requestId = -1;
  private long nextRequestId = 1;
  private ScheduledFuture<?> timeout;
  private ScheduledFuture<?> paced;
  private Hash roundTip;
  private SyncProgress progress;
  private long lastLogAt;

  public Synchronizer(CcoinNode node, PeerManager peers, NetworkConfig config, NetworkThread loop, Clock clock) {
    this.node = node;
    this.peers = peers;
    this.config = config;
    this.loop = loop;
    this.clock = clock;
    this.bootedAt = clock.millis();
  }

  public SyncState state() {
    return state;
  }

  /** The current status, for the service's snapshot. */
  public SyncStatus status() {
    if (state == SyncState.SYNCING && target != null && progress != null) {
      return new SyncStatus(state, Optional.of(target.nodeId()), progress.done(), progress.left());
    }
    return new SyncStatus(state, Optional.empty(), 0, 0);
  }

  /** The id of the request in flight, or -1. */
  public long pendingRequestId() {
    return requestId;
  }

  // ---- events ----------------------------------------------------------------------------------

  public void onEstablished(Peer p) {
    evaluate();
  }

  public void onClosed(Peer p) {
    if (p == target) {
      LOG.info("sync peer {} disconnected", p);
      endRound();
    }
    evaluate();
  }

  /** A peer announced a block (maybe one whose parent is unknown here). */
  public void onAnnounced(Peer p) {
    evaluate();
  }

  public void tick() {
    evaluate();
  }

  /**
   * True when {@code p} claims a chain heavier than this node's, and has not lost its claim. A lost
   * claim counts again after {@link #retryDelay(Peer)}: otherwise lost messages could leave every
   * validator waiting on a chain none of them fetches, with no one able to produce.
   */
  public boolean isHeavier(Peer p) {
    if (!p.isEstablished()) {
      return false;
    }
    if (p.claimLost()) {
      if (clock.millis() - p.claimLostAt() < retryDelay(p)) {
        return false;
      }
      p.restoreClaim();
    }
    Head head = node.head();
    return p.totalWeight() > head.totalWeight() || (p.headUnknown() && node.block(p.headHash()).isEmpty());
  }

  /**
   * How long after losing its claim {@code p} counts as heavier again: a base that doubles for each
   * further round in a row the peer ended without delivering a block, at most {@link
   * #MAX_RETRY_DOUBLINGS} doublings of {@link NetworkConfig#claimRetryMs()} (16 times it, 8
   * minutes by default), and back to the base once it delivers one. The base is {@code claimRetry}
   * after an answer that fell short (the claim was stale or false), and the shorter of it and the
   * request timeout after a request that was not answered at all, since on a lossy link the request
   * or its answer may just have been lost: a node whose requests are lost retries them within
   * seconds, while a peer that never answers is still asked ever more rarely.
   */
  long retryDelay(Peer p) {
    long cap = maxRetryDelay();
    long delay = p.claimLostUnanswered() ? Math.min(config.requestTimeoutMs(), config.claimRetryMs()) : config.claimRetryMs();
    for (int failures = p.claimFailures(); failures > 1 && delay < cap; failures--) {
      delay = delay > cap / 2 ? cap : delay * 2;
    }
    return Math.min(delay, cap);
  }

  private long maxRetryDelay() {
    long base = config.claimRetryMs();
    return base > (Long.MAX_VALUE >> MAX_RETRY_DOUBLINGS) ? Long.MAX_VALUE : base << MAX_RETRY_DOUBLINGS;
  }

  /** Starts a round with the heaviest claimant, or settles on SYNCED when none is heavier. */
  void evaluate() {
    if (target != null) {
      return;
    }
    Peer best = null;
    for (Peer p : peers.established()) {
      if (isHeavier(p) && (best == null || p.totalWeight() > best.totalWeight())) {
        best = p;
      }
    }
    if (best != null) {
      startRound(best);
    } else if (state == SyncState.SYNCING
        || (state == SyncState.BOOT && (!peers.established().isEmpty() || clock.millis() - bootedAt >= config.handshakeTimeoutMs()))) {
      if (state != SyncState.SYNCED) {
        LOG.info("synced at #{} {} (weight {})", node.head().number(), node.head().hash(), node.head().totalWeight());
      }
      state = SyncState.SYNCED;
    }
  }

  private void startRound(Peer p) {
    target = p;
    state = SyncState.SYNCING;
    Head head = node.head();
    roundTip = head.hash();
    progress = new SyncProgress(clock.millis(), head.number(), p.headNumber());
    lastLogAt = clock.millis();
    LOG.info("syncing from {}: it advertises #{} weight {}, we are at #{} weight {}", p, p.headNumber(), p.totalWeight(),
        head.number(), head.totalWeight());
    request();
  }

  private void request() {
    Peer p = target;
    if (p == null) {
      return;
    }
    long now = clock.millis();
    if (!p.sentBlockRequests().tryAcquire(now)) {
      long wait = p.sentBlockRequests().nextAllowedAt(now) - now;
      paced = loop.schedule(this::request, Math.max(1, wait));
      return;
    }
    long id = nextRequestId++;
    requestId = id;
    GetBlocks gbl = new GetBlocks(id, Locator.of(NodeAccess.chain(node), roundTip), config.syncBatch());
    timeout = loop.schedule(() -> timedOut(p, id), config.requestTimeoutMs());
    if (!p.send(gbl)) {
      LOG.debug("could not send GBL to {}", p);
    }
  }

  private void timedOut(Peer p, long id) {
    if (target != p || requestId != id) {
      return;
    }
    p.loseClaimUnanswered(clock.millis());
    LOG.info("{} did not answer GBL {} in {} ms; it loses its claim for {} ms", p, id, config.requestTimeoutMs(), retryDelay(p));
    endRound();
    evaluate();
  }

  /** A {@code BLS} arrived. */
  public void onBlocks(Peer p, Blocks answer) {
    if (p != target || answer.requestId() != requestId) {
      LOG.debug("ignored BLS {} from {}: not the request in flight", answer.requestId(), p);
      return;
    }
    cancel(timeout);
    requestId = -1;
    if (answer.blocks().isEmpty()) {
      finishRound(p);
      return;
    }
    int imported = 0;
    for (Block b : answer.blocks()) {
      Hash hash = Hashes.blockHash(b.sealedHeader());
      p.knownBlocks().add(hash);
      ImportResult r;
      try {
        r = node.importBlock(b);
      } catch (RuntimeException e) {
        LOG.warn("importing block #{} {} from {} failed", b.number(), hash, p, e);
        endRound();
        return;
      }
      switch (r.status()) {
        case IMPORTED, ALREADY_KNOWN -> {
          if (r.status() == ImportResult.Status.IMPORTED) {
            imported++;
            p.delivered();
          }
          roundTip = hash;
          if (hash.equals(p.headHash())) {
            node.block(hash).ifPresent(s -> p.announced(s.number(), hash, s.totalWeight()));
          }
        }
        case INVALID -> {
          endRound();
          peers.penalise(p, Offence.INVALID_BLOCK, "block #" + b.number() + " " + hash + " in BLS: " + r.validation());
          evaluate();
          return;
        }
        default -> {
          // ORPHAN: the batch does not connect to our locator; FUTURE or IGNORED: nothing more to gain from this peer now.
          LOG.info("sync from {} stopped at block #{} {}: {}", p, b.number(), hash, r);
          p.loseClaim(clock.millis());
          endRound();
          evaluate();
          return;
        }
      }
    }
    long now = clock.millis();
    progress.advance(imported, node.head().number(), p.headNumber());
    if (isHeavier(p)) {
      if (now - lastLogAt >= PROGRESS_LOG_MS) {
        lastLogAt = now;
        LOG.info("syncing from {}: {}", p, progress.describe(now));
      }
      request();
    } else {
      finishRound(p);
    }
  }

  /** The peer has nothing more (or we caught up): a peer still claiming more loses its claim. */
  private void finishRound(Peer p) {
    if (isHeavier(p)) {
      LOG.info("{} advertised weight {} but delivered no heavier chain (we have {}); it loses its claim", p, p.totalWeight(),
          node.head().totalWeight());
      p.loseClaim(clock.millis());
    } else if (progress != null) {
      LOG.info("synced from {}: {}", p, progress.describe(clock.millis()));
    }
    endRound();
    evaluate();
  }

  private void endRound() {
    cancel(timeout);
    cancel(paced);
    target = null;
    requestId = -1;
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
