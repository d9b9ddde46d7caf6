package io.ccoin.core.internal.consensus;

import io.ccoin.api.Address;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ConsensusParams;
import java.util.Collections;
import java.util.List;

/**
 * Leader election and timing arithmetic of SPEC 7: the in-turn leader and the rank of a miner on
 * top of a parent under the authority set in force, the
 * weight of a block, and the earliest timestamp the rules allow. Stateless and thread-safe.
 */
public final class Ranks {
  private Ranks() {}

  /**
   * The index k of the in-turn leader in {@code set} (sorted) on top of {@code parent}: the first
   * member above the parent's miner, wrapping around to 0; 0 when the parent is genesis (SPEC 7).
   * The parent's miner need not be in the set (it may just have been voted out).
   */
  static int leaderIndex(List<Address> set, BlockHeader parent) {
    if (parent.number() == 0) {
      return 0;
    }
    int j = Collections.binarySearch(set, parent.miner());
    int k = j >= 0 ? j + 1 : -j - 1;
    return k == set.size() ? 0 : k;
  }

  /**
   * The rank {@code r = floorMod(i - k, N)} of {@code miner} on top of {@code parent} when
   * {@code set} (sorted) is in force: 0 for the in-turn leader, 1.. for the backups; -1 when
   * {@code miner} is not in the set.
   */
  public static int rank(List<Address> set, BlockHeader parent, Address miner) {
    int i = Collections.binarySearch(set, miner);
    if (i < 0) {
      return -1;
    }
    return Math.floorMod(i - leaderIndex(set, parent), set.size());
  }

  /** The in-turn leader on top of {@code parent} when {@code set} (sorted) is in force. */
  public static Address leader(List<Address> set, BlockHeader parent) {
    return set.get(leaderIndex(set, parent));
  }

  /**
   * The rank of {@code miner} on top of {@code parent} among the genesis miners: right on a version 1
   * network; on a version 2 network use {@link #rank(List, BlockHeader, Address)} with the set in force.
   */
  public static int rank(ConsensusParams p, BlockHeader parent, Address miner) {
    return rank(p.miners(), parent, miner);
  }

  /**
   * The in-turn leader on top of {@code parent} among the genesis miners: right on a version 1
   * network; on a version 2 network use {@link #leader(List, BlockHeader)} with the set in force.
   */
  public static Address leader(ConsensusParams p, BlockHeader parent) {
    return leader(p.miners(), parent);
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

  /**
   * ccoin's production policy, not a validity rule: the earliest a backup of {@code rank} seals on a
   * head it first saw at {@code seenAt} (its own clock), {@code rank × leader_timeout} after that;
   * {@code Long.MIN_VALUE} for the leader (see {@code BlockProducer}, "A patient backup").
   */
  public static long backupNotBefore(ConsensusParams p, long seenAt, int rank) {
    return rank <= 0 ? Long.MIN_VALUE : saturatedAdd(seenAt, saturatedMultiply(rank, p.leaderTimeoutMs()));
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
