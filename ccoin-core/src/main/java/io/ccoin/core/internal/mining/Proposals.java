package io.ccoin.core.internal.mining;

import io.ccoin.api.Address;
import io.ccoin.api.PendingVote;
import io.ccoin.api.Vote;
import io.ccoin.core.internal.consensus.VotingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validator's open proposals (SPEC 7.1): node-local, not consensus. At most one per candidate
 * (a new one replaces it); the producer takes them in turn, casting one that would be a valid vote
 * and that differs from the validator's own vote already in the tally; a proposal is dropped once
 * the set in force reflects it. Thread-safe.
 */
public final class Proposals {
  private final List<Vote> open = new ArrayList<>();
  private int next;

  /** The open proposals, in the order they were made. */
  public synchronized List<Vote> list() {
    return List.copyOf(open);
  }

  /** Adds {@code vote}, replacing an earlier proposal on the same candidate. */
  public synchronized List<Vote> add(Vote vote) {
    int i = indexOf(vote.candidate());
    if (i >= 0) {
      open.set(i, vote);
    } else {
      open.add(vote);
    }
    return List.copyOf(open);
  }

  /** Removes the proposal on {@code candidate}; true if there was one. */
  public synchronized boolean remove(Address candidate) {
    int i = indexOf(candidate);
    if (i < 0) {
      return false;
    }
    open.remove(i);
    return true;
  }

  /** Drops every proposal that {@code set} (the set in force) reflects: an add of a member, a removal of an outsider. */
  public synchronized void dropReflected(VotingState state) {
    open.removeIf(v -> v.authorize() == state.isAuthority(v.candidate()));
  }

  /**
   * The vote {@code voter} casts in block {@code number} on top of a block whose state is
   * {@code parent}: the next open proposal, in turn, that is a valid vote there and is not already
   * the voter's vote in the tally; empty when there is none (always at a checkpoint).
   */
  public synchronized Optional<Vote> choose(VotingState parent, Address voter, long number, long epoch) {
    int n = open.size();
    for (int k = 0; k < n; k++) {
      int i = (next + k) % n;
      Vote v = open.get(i);
      if (parent.voteError(number, Optional.of(v), epoch).isPresent()) {
        continue;
      }
      if (parent.tally().contains(new PendingVote(voter, v.candidate(), v.authorize()))) {
        continue;
      }
      next = (i + 1) % n;
      return Optional.of(v);
    }
    return Optional.empty();
  }

  private int indexOf(Address candidate) {
    for (int i = 0; i < open.size(); i++) {
      if (open.get(i).candidate().equals(candidate)) {
        return i;
      }
    }
    return -1;
  }
}
