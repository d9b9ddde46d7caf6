package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.PeerConnection;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.net.internal.protocol.Transactions;
import io.ccoin.net.sim.RawPeer;
import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import io.ccoin.net.sim.SimKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A validator flooded with {@code TXS} keeps producing and importing blocks on time (virtual time: no
 * gap between blocks over the interval, and at least as many blocks, of its own too, as an identical
 * quiet run), queues at most {@code txQueueLimit} transactions, drops and counts the rest, and holds
 * none of it against the peer.
 */
class AdmissionFloodTest {
  static final int LIMIT = 1024;
  static final int FRAMES_PER_BURST = 20;
  static final int TXS_PER_FRAME = 64;
  static final int BURSTS = 50;

  /** What one run saw: the timestamps and miners of the flooded validator's canonical blocks, and the rest. */
  record Outcome(List<Long> timestamps, List<String> miners, long end, long dropped, long skippedKnown, boolean peerClosed, int peers, long aliceNonce) {
    long ownBlocks() {
      return miners.stream().filter(m -> m.equals(io.ccoin.core.TestKeys.vector(0).address().toString())).count();
    }

    long largestGap() {
      long gap = 0;
      for (int i = 1; i < timestamps.size(); i++) {
        gap = Math.max(gap, timestamps.get(i) - timestamps.get(i - 1));
      }
      return Math.max(gap, end - timestamps.get(timestamps.size() - 1));
    }
  }

  private static Outcome run(boolean flood) {
    try (SimCluster c = new SimCluster(41).config(NetworkConfig.builder().txQueueLimit(LIMIT).build())) {
      SimNode m0 = c.validator(0);
      SimNode m1 = c.validator(1);
      SimNode m2 = c.validator(2);
      c.start(m0, m1, m2);
      c.runFor(Duration.ofSeconds(2));
      RawPeer r = new RawPeer(c, "flooder", SimKeys.key("flooder"));
      PeerConnection conn = r.handshake(m0.address());
      // distinct frames, since a transaction the node holds or has queued is not queued again: the
      // same nonces with other values, the first frame admitted, the others underpriced replacements
      List<Transactions> frames = new ArrayList<>();
      for (int f = 0; f < (flood ? FRAMES_PER_BURST : 0); f++) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < TXS_PER_FRAME; i++) {
          txs.add(c.transfer(c.alice, i, f + 1, 1));
        }
        frames.add(new Transactions(txs));
      }
      for (int burst = 0; burst < BURSTS; burst++) {
        frames.forEach(frame -> r.send(conn, frame));
        c.runFor(Duration.ofMillis(100));
      }
      c.runFor(Duration.ofSeconds(3));
      List<Long> timestamps = new ArrayList<>();
      List<String> miners = new ArrayList<>();
      for (long n = 1; n <= m0.height(); n++) {
        StoredBlock b = m0.node().block(n).orElseThrow();
        timestamps.add(b.block().header().timestamp());
        miners.add(b.block().header().miner().toString());
      }
      assertThat(c.scheduler.failures()).isEmpty();
      return new Outcome(timestamps, miners, c.scheduler.now(), m0.net().transactionsDropped(), m0.net().transactionsSkippedKnown(),
          r.isClosed(conn), m0.net().peers().size(),
          m0.node().head().account(c.alice.address()).nonce());
    }
  }

  @Test
  void aFloodedValidatorProducesItsBlocksOnTimeAndDropsTheExcessWithoutBlame() {
    Outcome quiet = run(false);
    Outcome flooded = run(true);
    long interval = 1_000;
    // the quiet run: a block every interval, in turn, nothing dropped
    assertThat(quiet.timestamps()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(quiet.largestGap()).isLessThanOrEqualTo(interval);
    assertThat(quiet.ownBlocks()).isPositive();
    assertThat(quiet.dropped()).isZero();
    // flooded: no gap over the interval (full blocks may come sooner), as many blocks, as many of its own
    assertThat(flooded.largestGap()).isLessThanOrEqualTo(interval);
    assertThat(flooded.timestamps().size()).isGreaterThanOrEqualTo(quiet.timestamps().size());
    assertThat(flooded.ownBlocks()).isGreaterThanOrEqualTo(quiet.ownBlocks());
    // each burst of 20 frames of 64 arrives at once: 16 fit the queue of 1,024, 4 are dropped, but
    // while the first frame's transactions wait in the pool that frame is skipped and only 3 are
    // (the other validators' relays of the first frame are skipped too)
    long fourFrames = (long) BURSTS * (FRAMES_PER_BURST - LIMIT / TXS_PER_FRAME) * TXS_PER_FRAME;
    assertThat(flooded.dropped()).isBetween(fourFrames - (long) BURSTS * TXS_PER_FRAME, fourFrames);
    assertThat(flooded.dropped() + flooded.skippedKnown()).isGreaterThanOrEqualTo(fourFrames);
    assertThat(flooded.skippedKnown()).isPositive();
    assertThat(quiet.skippedKnown()).isZero();
    // the flooder is still a peer in good standing, and what it sent was admitted and mined
    assertThat(flooded.peerClosed()).isFalse();
    assertThat(flooded.peers()).isEqualTo(quiet.peers());
    assertThat(flooded.aliceNonce()).isEqualTo(TXS_PER_FRAME);
    assertThat(quiet.aliceNonce()).isZero();
  }
}
