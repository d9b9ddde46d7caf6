package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;
import java.util.Optional;

/**
 * SPEC 7 item 2 on a version 2 network: the header's vote is valid (SPEC 7.1 items 1 and 2): none in
 * a checkpoint; otherwise add only an outsider, remove only a member, never the zero address, at
 * most 64 authorities after an add and at least 1 after a removal. A version 1 header has no vote.
 */
public final class VoteRule implements ConsensusRule {
  @Override
  public String name() {
    return "vote";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    ConsensusParams p = ctx.params();
    if (!p.votingEnabled()) {
      return ValidationResult.valid();
    }
    Optional<String> error = VotingState.voteError(ctx.authorities(), c.header().number(), c.header().vote(), p.epoch());
    return error.map(this::reject).orElse(ValidationResult.valid());
  }

  @Override
  public String toString() {
    return name();
  }
}
