package io.ccoin.api;

import java.util.Objects;

/**
 * One entry of the tally {@code T(B)} of SPEC 7.1: {@code voter} has voted to add
 * ({@code authorize} true) or remove {@code candidate}, and the vote has neither passed nor been
 * cleared by a checkpoint. Immutable.
 */
public record PendingVote(Address voter, Address candidate, boolean authorize) {
  public PendingVote {
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(candidate, "candidate");
  }

  /** The vote itself, without its voter. */
  public Vote vote() {
    return new Vote(candidate, authorize);
  }
}
