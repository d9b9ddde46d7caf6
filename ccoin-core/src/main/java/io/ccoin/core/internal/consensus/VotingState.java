package io.ccoin.core.internal.consensus;

import io.ccoin.api.Address;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.PendingVote;
import io.ccoin.api.Vote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The authority set {@code A(B)} and the tally {@code T(B)} after one block (SPEC 7.1), and the
 * pure function that gives them for the next block. Immutable and thread-safe; a block without a
 * vote shares its parent's instance, so keeping one per block costs a reference.
 */
public final class VotingState {
  private final List<Address> authorities;
  private final List<PendingVote> tally;

  private VotingState(List<Address> authorities, List<PendingVote> tally) {
    this.authorities = authorities;
    this.tally = tally;
  }

  /** The state after genesis: the genesis miners, no votes. */
  public static VotingState genesis(List<Address> miners) {
    return of(miners, List.of());
  }

  /**
   * A state with {@code authorities} (any order; kept sorted) and {@code tally} (kept in order).
   *
   * @throws IllegalArgumentException if the set is empty, larger than 64 or has duplicates
   */
  public static VotingState of(List<Address> authorities, List<PendingVote> tally) {
    List<Address> sorted = new ArrayList<>(authorities);
    Collections.sort(sorted);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).equals(sorted.get(i - 1))) {
        throw new IllegalArgumentException("duplicate authority " + sorted.get(i));
      }
    }
    if (sorted.isEmpty() || sorted.size() > ConsensusParams.MAX_MINERS) {
      throw new IllegalArgumentException("an authority set has 1 to 64 members, got " + sorted.size());
    }
    return new VotingState(List.copyOf(sorted), List.copyOf(tally));
  }

  /** The authorities, sorted ascending in unsigned byte order. */
  public List<Address> authorities() {
    return authorities;
  }

  /** The pending votes, in the order they were cast. */
  public List<PendingVote> tally() {
    return tally;
  }

  /** True when {@code a} is in the set. */
  public boolean isAuthority(Address a) {
    return Collections.binarySearch(authorities, a) >= 0;
  }

  /**
   * Why {@code vote} may not be cast in block {@code number} on top of the block this state follows
   * (SPEC 7.1 items 1 and 2), or empty when it may. {@code epoch} is the network's (above 0).
   */
  public Optional<String> voteError(long number, Optional<Vote> vote, long epoch) {
    return voteError(authorities, number, vote, epoch);
  }

  /** As {@link #voteError(long, Optional, long)} with {@code authorities} (sorted) in force. */
  public static Optional<String> voteError(List<Address> authorities, long number, Optional<Vote> vote, long epoch) {
    if (vote.isEmpty()) {
      return Optional.empty();
    }
    Vote v = vote.get();
    if (number % epoch == 0) {
      return Optional.of("vote in checkpoint block " + number + " (epoch " + epoch + "): a checkpoint's vote must be []");
    }
    if (v.candidate().equals(Address.ZERO)) {
      return Optional.of("vote for the zero address");
    }
    boolean member = Collections.binarySearch(authorities, v.candidate()) >= 0;
    if (v.authorize() && member) {
      return Optional.of("vote to add a member: " + v.candidate() + " is already an authority");
    }
    if (!v.authorize() && !member) {
      return Optional.of("vote to remove a non-member: " + v.candidate() + " is not an authority");
    }
    if (v.authorize() && authorities.size() >= ConsensusParams.MAX_MINERS) {
      return Optional.of("vote to add above " + ConsensusParams.MAX_MINERS + " authorities");
    }
    if (!v.authorize() && authorities.size() <= 1) {
      return Optional.of("vote to remove the last authority");
    }
    return Optional.empty();
  }

  /**
   * The state after block {@code number} mined by {@code miner} with {@code vote} on top of the block
   * this state follows (SPEC 7.1 items 1 and 3). Returns this instance when nothing changes.
   *
   * @throws IllegalArgumentException if the vote is invalid there ({@link #voteError})
   */
  public VotingState next(long number, Address miner, Optional<Vote> vote, long epoch) {
    Optional<String> error = voteError(number, vote, epoch);
    if (error.isPresent()) {
      throw new IllegalArgumentException(error.get());
    }
    if (number % epoch == 0) {
      return tally.isEmpty() ? this : new VotingState(authorities, List.of());
    }
    if (vote.isEmpty()) {
      return this;
    }
    Address c = vote.get().candidate();
    boolean a = vote.get().authorize();
    List<PendingVote> votes = new ArrayList<>(tally);
    PendingVote cast = new PendingVote(miner, c, a);
    int earlier = -1;
    for (int i = 0; i < votes.size(); i++) {
      if (votes.get(i).voter().equals(miner) && votes.get(i).candidate().equals(c)) {
        earlier = i;
        break;
      }
    }
    if (earlier >= 0) {
      votes.set(earlier, cast);
    } else {
      votes.add(cast);
    }
    int t = 0;
    for (PendingVote p : votes) {
      if (p.candidate().equals(c) && p.authorize() == a && isAuthority(p.voter())) {
        t++;
      }
    }
    if (2L * t <= authorities.size()) {
      return new VotingState(authorities, List.copyOf(votes));
    }
    List<Address> set = new ArrayList<>(authorities);
    if (a) {
      set.add(c);
      Collections.sort(set);
    } else {
      set.remove(c);
    }
    votes.removeIf(p -> p.candidate().equals(c) || (!a && p.voter().equals(c)));
    return new VotingState(List.copyOf(set), List.copyOf(votes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VotingState s && authorities.equals(s.authorities) && tally.equals(s.tally);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authorities, tally);
  }

  @Override
  public String toString() {
    return "VotingState{authorities=" + authorities + ", tally=" + tally + "}";
  }
}
