package io.ccoin.net.internal.sync;

import io.ccoin.api.Block;
import io.ccoin.api.Frame;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.codec.Codec;
import io.ccoin.net.internal.peer.Offence;
import io.ccoin.net.internal.peer.Peer;
import io.ccoin.net.internal.peer.PeerManager;
import io.ccoin.net.internal.protocol.Blocks;
import io.ccoin.net.internal.protocol.GetBlocks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GBL} (SPEC 9): the canonical blocks after the first locator hash on this node's
 * canonical chain, at most {@code max} and within {@code MAX_FRAME}, read under the chain's lock so
 * they are one consistent run. At most the configured number of requests per peer per window are
 * answered; each one beyond is ignored and scored as a flood.
 *
 * <p>A block the store cannot read (a damaged record) ends the answer early: the peer gets the
 * blocks before it, possibly none, at once, so that its sync moves on to another peer rather than
 * waiting for a timeout; the chain records the store failure (the node is no longer ready, stops
 * importing, and advertises only its genesis to new peers).
 */
public final class BlockServer {
  private static final Logger LOG = LoggerFactory.getLogger(BlockServer.class);
  /** Room in a frame for the header, the array headers and the request id. */
  static final int FRAME_OVERHEAD = 3 + 1 + 9 + 5;

  private final Chain chain;
  private final PeerManager peers;
  private final Clock clock;

  public BlockServer(Chain chain, PeerManager peers, Clock clock) {
    this.chain = chain;
    this.peers = peers;
    this.clock = clock;
  }

  public void onGetBlocks(Peer p, GetBlocks request) {
    if (!p.servedBlockRequests().tryAcquire(clock.millis())) {
      peers.penalise(p, Offence.REQUEST_FLOOD, "GBL beyond the rate limit");
      return;
    }
    List<Block> blocks = collect(chain, request.locator(), request.max(), Frame.MAX_FRAME - FRAME_OVERHEAD);
    LOG.debug("answering GBL {} from {} with {} block(s)", request.requestId(), p, blocks.size());
    p.send(new Blocks(request.requestId(), blocks));
  }

  /**
   * The canonical blocks after the locator's fork point: at most {@code max}, at most {@code budget}
   * encoded bytes. Read without the import lock: each block must link to the one before it, so a
   * reorg during the read ends the answer at the last block of one consistent chain.
   */
  public static List<Block> collect(Chain chain, List<io.ccoin.api.Hash> locator, int max, long budget) {
    List<Block> out = new ArrayList<>();
    long headNumber = chain.head().number();
    Optional<StoredBlock> fork;
    try {
      fork = Locator.forkPoint(chain, locator);
    } catch (StoreException e) {
      LOG.warn("cannot serve blocks: the store failed to read a block of the locator ({}); answering with none", e.getMessage());
      return out;
    }
    if (fork.isEmpty()) {
      return out;
    }
    io.ccoin.api.Hash previous = fork.get().hash();
    long bytes = 0;
    for (long n = fork.get().number() + 1; n <= headNumber && out.size() < max; n++) {
      Optional<StoredBlock> b;
      try {
        b = chain.blockAt(n);
      } catch (StoreException e) {
        LOG.warn("cannot serve block #{}: the store failed to read it ({}); answering with the {} block(s) before it", n,
            e.getMessage(), out.size());
        break;
      }
      if (b.isEmpty() || !b.get().block().header().parentHash().equals(previous)) {
        break; // past the head, or the canonical chain moved under the read
      }
      int size = Codec.encode(b.get().block()).length;
      if (bytes + size > budget) {
        break;
      }
      bytes += size;
      out.add(b.get().block());
      previous = b.get().hash();
    }
    return out;
  }
}
