package io.ccoin.core.consensus;

import io.ccoin.api.Address;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ConsensusParams;

/**
 * Leader election and timing arithmetic of SPEC 7: the rank of a miner on top of a parent, the
 * weight of a block, and the earliest timestamp the rules allow. Stateless and thread-safe.
 */
public final class Ranks {
  private Ranks() {}

  /** The index j of the parent's miner in the sorted list, N-1 when the parent is genesis. */
  static int parentIndex(ConsensusParams p, BlockHeader parent) {
    if (parent.number() == 0) {
      return p.minerCount() - 1;
    }
    int j = p.minerIndex(parent.miner());
    return j >= 0 ? j : p.minerCount() - 1;
  }

  /**
   * The rank {@code r = floorMod(i - j - 1, N)} of {@code miner} on top of {@code parent}: 0 for the
   * in-turn leader, 1.. for the backups; -1 when {@code miner} is not an authority.
   */
  public static int rank(ConsensusParams p, BlockHeader parent, Address miner) {
    int i = p.minerIndex(miner);
    if (i < 0) {
      return -1;
    }
    return Math.floorMod(i - parentIndex(p, parent) - 1, p.minerCount());
  }

  /** The in-turn leader on top of {@code parent}. */
  public static Address leader(ConsensusParams p, BlockHeader parent) {
    return p.miners().get((parentIndex(p, parent) + 1) % p.minerCount());
  }

  /** A block's own weight: 2 in turn (rank 0), else 1. */
  public static int weight(int rank) {
    return rank == 0 ? 2 : 1;
  }

  /**
   * The earliest timestamp a block of this rank with {@code txCount} transactions may carry on top of
   * {@code parent} (SPEC 7 item 4), saturating at {@link Long#MAX_VALUE}.
   */
  public static long earliestTimestamp(ConsensusParams p, BlockHeader parent, int rank, int txCount) {
    long t = parent.timestamp();
    long byGap = saturatedAdd(t, p.minGapMs());
    if (rank == 0) {
      return txCount >= Math.max(p.minBound(), 1) ? byGap : Math.max(byGap, saturatedAdd(t, p.intervalMs()));
    }
    long backupDelay = saturatedAdd(p.intervalMs(), saturatedMultiply(rank, p.leaderTimeoutMs()));
    return Math.max(byGap, saturatedAdd(t, backupDelay));
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  private static long saturatedMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
  }
}
