package io.ccoin.api;

import java.util.Objects;

/**
 * One entry of the tally {@code T(B)} of SPEC 7.1: {@code voter} has voted to add
 * ({@code authorize} true) or remove {@code candidate}, and the vote has neither passed nor been
 * cleared by a checkpoint. Immutable.
 *
 * @param voter the authority that cast the vote
 * @param candidate the address voted on
 * @param authorize true to add the candidate, false to remove it
 */
public record PendingVote(Address voter, Address candidate, boolean authorize) {
  /**
   * @throws NullPointerException if the voter or the candidate is null
   */
  public PendingVote {
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(candidate, "candidate");
  }

  /** The vote itself, without its voter. */
  public Vote vote() {
    return new Vote(candidate, authorize);
  }
}
